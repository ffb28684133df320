package eu.callmatch.workflow.rest;

import eu.callmatch.common.error.ProblemException;

/** Numeric query parameters parsed here: JAX-RS answers a failed conversion of a query parameter with 404. */
final class Params {

    private Params() {
    }

    static Long id(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("query", parameter, "'" + value + "' is not an id");
        }
    }
}
