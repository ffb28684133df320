package eu.callmatch.workflow.service;

import eu.callmatch.common.concurrent.DaemonThreads;
import eu.callmatch.common.changes.ChangeLog;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.matching.service.CallMatchService;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.search.matching.TextEmbedder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Embeds the members' profiles in the background, after a start and after members change (30 s after the last
 * change), so that the alerts after an import only rank: embedding 500 profiles takes a minute or more on two cores,
 * ranking them a fraction of that. A profile already embedded costs a look-up.
 */
@ApplicationScoped
public class ProfileWarmUp {

    private static final Logger LOG = Logger.getLogger(ProfileWarmUp.class);
    static final long DELAY_SECONDS = 30;

    private final AlertsConfig config;
    private final TextEmbedder embedder;
    private final CallMatchService matches;
    private final MemberService members;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("callmatch-profile-vectors", Thread.MIN_PRIORITY));
    private ScheduledFuture<?> pending;

    ProfileWarmUp(AlertsConfig config, TextEmbedder embedder, CallMatchService matches, MemberService members) {
        this.config = config;
        this.embedder = embedder;
        this.matches = matches;
        this.members = members;
    }

    void onStart(@Observes StartupEvent event) {
        schedule();
    }

    void onChange(@Observes ChangeLog.Committed committed) {
        if (committed.kinds().contains(ChangeLog.Kind.MEMBER)) {
            schedule();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    private synchronized void schedule() {
        if (!config.enabled() || !embedder.enabled() || timer.isShutdown()) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(this::embedAll, DELAY_SECONDS, TimeUnit.SECONDS);
    }

    private void embedAll() {
        long started = System.nanoTime();
        int count = 0;
        String after = null;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                String from = after;
                List<String> ids = QuarkusTransaction.requiringNew().call(() -> members.idsAfter(from, 500));
                for (String id : ids) {
                    try {
                        QuarkusTransaction.requiringNew().run(() -> matches.embedProfile(Long.parseLong(id)));
                        count++;
                    } catch (ProblemException e) {
                        // deleted meanwhile
                    }
                }
                if (ids.size() < 500) {
                    break;
                }
                after = ids.get(ids.size() - 1);
            }
            LOG.debugf("Profiles of %d members embedded in %d ms", count, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warnf(e, "Embedding the members' profiles ahead of the alerts failed; they are embedded when ranked");
        }
    }
}
