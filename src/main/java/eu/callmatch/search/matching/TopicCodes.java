package eu.callmatch.search.matching;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The structure of a work-programme topic identifier: {@code HORIZON-CL5-2022-D6-01-08} is programme, cluster,
 * year, destination, call and topic. Years are skipped when comparing: destinations recur from one work programme
 * to the next, so HORIZON-CL5-2022-D6-01-08 and HORIZON-CL5-2024-D6-01-03 share programme, cluster, destination
 * and call number.
 */
public final class TopicCodes {

    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    private TopicCodes() {
    }

    /** The identifier's segments without years, upper case. */
    public static List<String> segments(String identifier) {
        return identifier == null ? List.of() : Arrays.stream(identifier.toUpperCase(Locale.ROOT).split("-"))
                .filter(s -> !s.isEmpty() && !YEAR.matcher(s).matches()).toList();
    }

    /** How many leading segments (years skipped) the two share. */
    public static int shared(List<String> a, List<String> b) {
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
            n++;
        }
        return n;
    }

    /** The first {@code count} segments joined: the area two identifiers share, for a reason. */
    public static String prefix(List<String> segments, int count) {
        return String.join("-", segments.subList(0, Math.min(count, segments.size())));
    }
}
