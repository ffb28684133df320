package eu.callmatch.search;

import java.util.List;

/**
 * What the organisations index needs of a CORDIS organisation and its projects, implemented by the records the
 * {@code organisations} feature exchanges.
 */
public interface IndexedOrganisation {

    String pic();

    String name();

    String shortName();

    String country();

    Enum<?> organisationType();

    Boolean sme();

    long participationCount();

    /** Its projects: what it did is what a partner search looks for. */
    List<? extends Participation> participations();

    /** One project the organisation took part in. */
    interface Participation {

        String acronym();

        String title();

        String objective();

        String topic();

        String topicTitle();

        List<String> scienceFields();
    }
}
