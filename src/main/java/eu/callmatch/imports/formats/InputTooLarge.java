package eu.callmatch.imports.formats;

/**
 * The input is larger than the service reads at all (an archive that inflates beyond its caps): nothing of it is
 * imported, and the caller hears a 413.
 */
public class InputTooLarge extends RuntimeException {

    public InputTooLarge(String message) {
        super(message);
    }
}
