package eu.callmatch.members.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Members stored before the service knew a profile's language get it detected at start, so that every member
 * says its language. Each replica may run it; a member done by one is skipped by the other.
 */
@ApplicationScoped
class MemberLanguageBackfill {

    private static final Logger LOG = Logger.getLogger(MemberLanguageBackfill.class);
    private static final int BATCH = 200;

    private final MemberService members;

    MemberLanguageBackfill(MemberService members) {
        this.members = members;
    }

    void onStart(@Observes StartupEvent event) {
        int total = 0;
        for (int done = members.detectMissingLanguages(BATCH); done > 0; done = members.detectMissingLanguages(BATCH)) {
            total += done;
        }
        if (total > 0) {
            LOG.infof("Detected the language of %d members stored without one", total);
        }
    }
}
