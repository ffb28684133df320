package eu.callmatch.search;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What the calls index needs of a call, implemented by the record the {@code calls} feature exchanges: search
 * defines the shape, the feature hands its records over, and {@code search} never imports {@code calls}.
 * Enumerations are the feature's own; the index keeps their names.
 */
public interface IndexedCall {

    String identifier();

    String callIdentifier();

    String title();

    String callTitle();

    String programme();

    String cluster();

    String destination();

    String actionType();

    /** OPEN, FORTHCOMING or CLOSED; closed calls sort last. */
    Enum<?> status();

    LocalDate openingDate();

    List<LocalDate> deadlines();

    BigDecimal budgetMin();

    BigDecimal budgetMax();

    String description();

    List<String> keywords();

    Enum<?> kind();

    String parentTopic();
}
