package eu.callmatch.common.security;

import java.util.List;

/**
 * The roles of the API. Each resource method names the roles that may call it ({@code @RolesAllowed}); a method
 * without a rule is refused (quarkus.security.jaxrs.deny-unannotated-endpoints).
 */
public final class Roles {

    /** Other systems: read calls and organisations, ad-hoc call matches, partner matches. */
    public static final String READER = "reader";
    /** The import jobs: imports and their history. */
    public static final String IMPORTER = "importer";
    /** Helpdesk staff: everything on members, matches and consortia; read everything else. */
    public static final String STAFF = "staff";
    /** Users, reindexing, deletes, everything. */
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(READER, IMPORTER, STAFF, ADMIN);

    private Roles() {
    }
}
