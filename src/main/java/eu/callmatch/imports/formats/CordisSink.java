package eu.callmatch.imports.formats;

import eu.callmatch.organisations.CordisOrganisation;
import eu.callmatch.organisations.CordisParticipation;
import eu.callmatch.organisations.CordisProject;

/**
 * Receives a CORDIS bundle in an order an importer can write without lookups: every project, then every
 * organisation once, then every participation (whose project and organisation were both delivered before).
 */
public interface CordisSink {

    void project(CordisProject project);

    void organisation(CordisOrganisation organisation);

    void participation(CordisParticipation participation);

    /** A row that cannot be used; {@code file} is the CSV's name in the bundle. */
    void reject(String file, long line, String record, String reason);
}
