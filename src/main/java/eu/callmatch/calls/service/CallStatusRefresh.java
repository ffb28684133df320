package eu.callmatch.calls.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Keeps every call's status true day by day: at start (the service may have slept through midnight) and nightly. */
@ApplicationScoped
public class CallStatusRefresh {

    private final CallService calls;

    CallStatusRefresh(CallService calls) {
        this.calls = calls;
    }

    void onStart(@Observes StartupEvent event) {
        calls.refreshStatuses();
    }

    @Scheduled(cron = "{callmatch.status-refresh.cron}", timeZone = "{callmatch.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        calls.refreshStatuses();
    }
}
