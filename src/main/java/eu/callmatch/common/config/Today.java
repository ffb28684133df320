package eu.callmatch.common.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.ZoneId;

/** Today's date where the calls' dates are read (the portal's deadlines are Brussels time). */
@ApplicationScoped
public class Today {

    private final ZoneId zone;

    Today(CallmatchConfig config) {
        this.zone = ZoneId.of(config.timeZone());
    }

    public LocalDate date() {
        return LocalDate.now(zone);
    }

    public ZoneId zone() {
        return zone;
    }
}
