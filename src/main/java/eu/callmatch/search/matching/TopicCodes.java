package eu.callmatch.search.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The structure of a work-programme topic identifier: {@code HORIZON-CL5-2022-D6-01-08} is programme, cluster,
 * year, destination, call and topic. Years are skipped when comparing: destinations recur from one work programme
 * to the next, so HORIZON-CL5-2022-D6-01-08 and HORIZON-CL5-2024-D6-01-03 share programme, cluster, destination
 * and call number.
 */
public final class TopicCodes {

    private TopicCodes() {
    }

    /** The identifier's segments without years, upper case. */
    public static List<String> segments(String identifier) {
        if (identifier == null) {
            return List.of();
        }
        String upper = identifier.toUpperCase(Locale.ROOT);
        List<String> segments = new ArrayList<>(8);
        int start = 0;
        for (int i = 0; i <= upper.length(); i++) {
            if (i == upper.length() || upper.charAt(i) == '-') {
                if (i > start && !isYear(upper, start, i)) {
                    segments.add(upper.substring(start, i));
                }
                start = i + 1;
            }
        }
        return segments;
    }

    private static boolean isYear(String s, int from, int to) {
        if (to - from != 4) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
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
