package eu.callmatch.digests.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.util.Optional;

/** When the e-mail digests go out, and where staff users get theirs. */
@ConfigMapping(prefix = "callmatch.digest")
public interface DigestConfig {

    /** When the digests are sent, in callmatch.time-zone: daily ones every time, weekly ones on weekly-day. */
    @WithDefault("0 0 7 * * ?")
    String cron();

    /** The day of the week on which weekly digests go out. */
    @WithDefault("MONDAY")
    DayOfWeek weeklyDay();

    /**
     * The mail domain of staff users whose username is not an e-mail address (alice -> alice@domain); unset, such
     * a staff user gets no digest (a username that is an address is used as it is).
     */
    Optional<String> staffMailDomain();
}
