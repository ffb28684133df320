package eu.callmatch.imports.scheduling;

/** A source could not be read (down, refusing, timing out): the run fails and nothing else changes. */
public class SourceUnavailable extends Exception {

    public SourceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
