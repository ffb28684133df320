package eu.callmatch.workflow.service;

import eu.callmatch.calls.service.CallChange;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Set;

/** The alerts raised after every calls import ({@code callmatch.alerts.*}, see the README). */
@ConfigMapping(prefix = "callmatch.alerts")
public interface AlertsConfig {

    /** Whether imports raise alerts at all. */
    @WithDefault("true")
    boolean enabled();

    /** The lowest score (in the member's call matches, 0 to 1) that a new match needs to be alerted. */
    @WithDefault("0.5")
    double minScore();

    /** A new match is alerted only among the member's best this many calls. */
    @WithDefault("30")
    int rankWindow();

    /**
     * The most new matches a member gets from one import, best first. Changes to calls the member already follows
     * are always raised.
     */
    @WithDefault("10")
    int maxPerMember();

    /** The changes that put a dismissed pair back in the queue; other changes leave a dismissal alone. */
    @WithDefault("STATUS_OPENED,BUDGET_CHANGED")
    Set<CallChange.Kind> reopenDismissedOn();

    /** How many members are matched at once after an import. */
    @WithDefault("2")
    int threads();
}
