package eu.callmatch.calls.rest;

import eu.callmatch.calls.CallDto;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.rest.QueryLists;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The properties of a call that a list asks for (its {@code fields} parameter), as a list view asks for what it
 * shows: each item then has only those, and a page that asks for none of a call's long texts ({@link CallDto#LONG_TEXTS}) is
 * read and sent without them. Without the parameter, whole calls. The identifier and the title always come.
 */
final class CallFields {

    private static final RecordComponent[] COMPONENTS = CallDto.class.getRecordComponents();

    /** A call's properties, as the API names them (the record's components: CallDto renames none). */
    private static final List<String> NAMES = Arrays.stream(COMPONENTS).map(RecordComponent::getName).toList();

    private static final Set<String> ALWAYS = Set.of("identifier", "title");

    private static final Constructor<CallDto> CANONICAL;

    static {
        try {
            CANONICAL = CallDto.class.getConstructor(Arrays.stream(COMPONENTS).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final CallFields ALL = new CallFields(null);

    /** Per component, whether it is shown; null: all are. */
    private final boolean[] shown;

    private CallFields(boolean[] shown) {
        this.shown = shown;
    }

    /**
     * The fields a {@code fields} parameter names, comma-separated; null or blank: all.
     *
     * @throws ProblemException 400 naming the unknown property and those there are
     */
    static CallFields of(String parameter) {
        List<String> asked = QueryLists.split(parameter);
        if (asked.isEmpty()) {
            return ALL;
        }
        List<String> unknown = asked.stream().filter(name -> !NAMES.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.invalid("query", "fields", (unknown.size() == 1 ? "'" + unknown.get(0)
                    + "' is not a property of a call" : unknown.stream().map(name -> "'" + name + "'")
                    .collect(Collectors.joining(", ")) + " are not properties of a call")
                    + "; its properties are " + String.join(", ", NAMES));
        }
        boolean[] shown = new boolean[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            shown[i] = ALWAYS.contains(NAMES.get(i)) || asked.contains(NAMES.get(i));
        }
        return new CallFields(shown);
    }

    /** Whether a long text is shown, so that the calls are to be read with them. */
    boolean longTexts() {
        if (shown == null) {
            return true;
        }
        for (int i = 0; i < COMPONENTS.length; i++) {
            if (shown[i] && CallDto.LONG_TEXTS.contains(NAMES.get(i))) {
                return true;
            }
        }
        return false;
    }

    /** The call with the properties not shown left out (null: a call's JSON leaves out what is null). */
    CallDto of(CallDto call) {
        if (shown == null) {
            return call;
        }
        Object[] values = new Object[COMPONENTS.length];
        try {
            for (int i = 0; i < COMPONENTS.length; i++) {
                values[i] = shown[i] ? COMPONENTS[i].getAccessor().invoke(call) : null;
            }
            return CANONICAL.newInstance(values);
        } catch (IllegalAccessException | InstantiationException | InvocationTargetException e) {
            throw new IllegalStateException("a call's properties could not be copied", e);
        }
    }
}
