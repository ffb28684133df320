package eu.callmatch.imports.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.Comparator;
import java.util.stream.Collectors;

/** The same constraints on an imported record as on one sent to the API, as a reason an import run can report. */
@ApplicationScoped
class RecordValidation {

    private final Validator validator;

    RecordValidation(Validator validator) {
        this.validator = validator;
    }

    /** Null when the record is valid, else e.g. "title: must not be blank; budgetMax: must be 0 or more". */
    <T> String problems(T record) {
        var violations = validator.validate(record);
        if (violations.isEmpty()) {
            return null;
        }
        return violations.stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                .collect(Collectors.joining("; "));
    }
}
