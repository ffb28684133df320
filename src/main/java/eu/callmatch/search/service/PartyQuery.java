package eu.callmatch.search.service;

import java.util.List;

/**
 * A search of the members or of the CORDIS organisations: free text, countries, kinds of organisation (the
 * {@code OrganisationType} names), for organisations whether CORDIS lists them as SMEs (null: either), a sort and a
 * page. Empty lists do not filter.
 */
public record PartyQuery(String text, List<String> countries, List<String> organisationTypes, Boolean sme, Sort sort,
                         int offset, int limit) {

    public enum Sort {
        RELEVANCE,
        NAME,
        /** Organisations with most participations first. */
        PARTICIPATIONS
    }

    public PartyQuery {
        text = text == null || text.isBlank() ? null : text;
        countries = CallQuery.orEmpty(countries);
        organisationTypes = CallQuery.orEmpty(organisationTypes);
        sort = sort == null ? (text == null ? Sort.NAME : Sort.RELEVANCE) : sort;
    }
}
