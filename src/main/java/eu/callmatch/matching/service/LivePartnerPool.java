package eu.callmatch.matching.service;

import eu.callmatch.common.changes.ChangeLog;
import eu.callmatch.common.concurrent.DaemonThreads;
import eu.callmatch.organisations.service.OrganisationService;
import eu.callmatch.organisations.service.OrganisationService.PoolProject;
import eu.callmatch.search.matching.TextEmbedder;
import eu.callmatch.search.matching.VectorFile;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The owner of the partner pool in memory: builds it from the organisations' service (embedding new projects, whose
 * vectors the embedder keeps on disk), and rebuilds it in the background once the pool stopped changing, so a request seldom
 * waits. Everyone else asks {@link #current()}.
 *
 * <p>The background rebuild runs at the lowest priority ({@link DaemonThreads#lowest}) and holds no lock a request
 * waits for: its new projects are embedded on the embedder's bulk workers, which give way to requests, and the pool
 * is built beside the one in use and then put in its place. After a CORDIS import of 15,000 projects that is about 25 s
 * of a core; at the default priority it took that core from the requests and the import running meanwhile. A request
 * that comes before it is done builds the pool itself, as it always did, from the vectors done so far and the rest
 * embedded on its own thread.
 */
@ApplicationScoped
public class LivePartnerPool {

    private static final Logger LOG = Logger.getLogger(LivePartnerPool.class);
    /** An import commits in batches: the pool is refreshed once they have stopped for this long. */
    private static final Duration QUIET_BEFORE_REFRESH = Duration.ofSeconds(30);

    private final OrganisationService organisations;
    private final TextEmbedder embedder;
    private final VectorFile cache;
    private final AtomicLong changes = new AtomicLong(1);
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.lowest("callmatch-partner-pool"));
    private volatile PartnerPool pool;
    private long poolVersion;

    LivePartnerPool(OrganisationService organisations, TextEmbedder embedder) {
        this.organisations = organisations;
        this.embedder = embedder;
        this.cache = embedder.enabled() ? embedder.vectorFile(PartnerPool.VECTOR_FILE) : null;
    }

    /** The pool changed: embed its new projects in the background, so the next request need not wait. */
    void onChange(@Observes ChangeLog.Committed committed) {
        if (committed.kinds().contains(ChangeLog.Kind.ORGANISATION)) {
            long version = changes.incrementAndGet();
            refresher.schedule(() -> {
                if (changes.get() == version) { // the last of a burst (an import commits in batches)
                    try {
                        refresh();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        LOG.warn("Refreshing the partner pool failed; the next request tries again", e);
                    }
                }
            }, QUIET_BEFORE_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        refresher.shutdownNow();
    }

    /** The pool as of the last change; rebuilt first, on the caller's thread, when it changed since. */
    synchronized PartnerPool current() {
        long version = changes.get();
        if (pool == null || poolVersion < version) {
            long started = System.currentTimeMillis();
            pool = build(organisations.poolProjects());
            poolVersion = version;
            LOG.infof("Partner pool loaded: %d organisations, %d projects in %d ms", pool.organisations.size(),
                    pool.projects.size(), System.currentTimeMillis() - started);
        }
        return pool;
    }

    /**
     * The background rebuild (on the refresher's thread, at the lowest priority): embeds the new projects on the
     * bulk workers, builds the pool without holding this owner's lock, and puts it in place unless a request has
     * built one as new meanwhile.
     */
    void refresh() throws InterruptedException {
        long version = changes.get();
        if (version == poolVersion()) {
            return;
        }
        long started = System.currentTimeMillis();
        List<PoolProject> projects = organisations.poolProjects();
        int embedded = cache == null ? 0 : PartnerPool.embedMissing(projects, cache, embedder);
        PartnerPool built = build(projects);
        synchronized (this) {
            if (poolVersion < version) {
                pool = built;
                poolVersion = version;
            }
        }
        LOG.infof("Partner pool refreshed in the background: %d organisations, %d projects (%d embedded) in %d ms",
                built.organisations.size(), projects.size(), embedded, System.currentTimeMillis() - started);
    }

    private synchronized long poolVersion() {
        return pool == null ? -1 : poolVersion;
    }

    private PartnerPool build(List<PoolProject> projects) {
        return PartnerPool.build(projects, organisations.poolParticipations(), organisations.poolOrganisations(),
                cache, embedder);
    }
}
