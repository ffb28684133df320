package eu.callmatch.common.error;

import java.util.List;

/**
 * Thrown by services for a problem the client can act on; {@link ProblemMappers} turns it into problem+json.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final transient List<Problem.Violation> violations;

    public ProblemException(int status, String detail) {
        this(status, detail, List.of());
    }

    public ProblemException(int status, String detail, List<Problem.Violation> violations) {
        super(detail);
        this.status = status;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, what + " '" + id + "' does not exist");
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, detail);
    }

    public static ProblemException invalid(String in, String field, String message) {
        return new ProblemException(400, "Invalid " + in + " " + field + ": " + message,
                List.of(new Problem.Violation(in, field, message)));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, detail);
    }

    public int status() {
        return status;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
