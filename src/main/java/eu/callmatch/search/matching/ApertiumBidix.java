package eu.callmatch.search.matching;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The lemma pairs of an installed Apertium bilingual dictionary (Debian's {@code apertium-eng-cat} installs
 * {@code cat-eng.autobil.bin}, compiled by lttoolbox), read into a {@link BilingualDictionary}: Catalan has no FreeDict
 * dictionary into English. The file is a set of letter transducers over pairs of symbols (a character, a tag such as
 * {@code <n>}, or nothing); every path from the start spells a Catalan lemma and its tags beside an English one
 * ("energia<n>" : "energy<n>"). Only the lemmas are kept, up to their first tag.
 */
final class ApertiumBidix {

    private static final Logger LOG = Logger.getLogger(ApertiumBidix.class);
    /** A path longer than this is no dictionary entry (a lemma and a few tags). */
    private static final int MAX_PATH = 80;
    /**
     * A section whose walk takes more steps than this holds patterns, not entries: the largest dictionary read here
     * (Apertium's Spanish-English, 80,000 lemmas) takes 550,000; a section of catch-all patterns in the
     * Italian-Spanish one would take more than the memory holds.
     */
    private static final long MAX_STEPS = 5_000_000;

    private ApertiumBidix() {
    }

    static BilingualDictionary read(Path file) throws IOException {
        return BilingualDictionary.of(pairs(file, false));
    }

    /**
     * The dictionary's lemmas, each (folded) with its translations in the file's order; {@code keepAlike}: also those
     * written alike on both sides, which a dictionary into English leaves out (names) but a step through a
     * neighbouring language needs (Italian "energia" is Catalan "energia").
     */
    static Map<String, Set<String>> pairs(Path file, boolean keepAlike) throws IOException {
        Reader in = new Reader(Files.readAllBytes(file));
        if (in.bytes.length >= 12 && in.bytes[0] == 'L' && in.bytes[1] == 'T' && in.bytes[2] == 'T'
                && in.bytes[3] == 'B') {
            in.at = 4;
            if (in.uint64() != 0) {
                throw new IOException("an lttoolbox file with features this reader does not know: " + file);
            }
        }
        for (int letters = in.number(); letters > 0; letters--) {
            in.number(); // the alphabetic characters: not needed to read the pairs
        }
        int tags = in.number();
        for (int t = 0; t < tags; t++) {
            in.string();
        }
        int pairCount = in.number();
        int[][] pairs = new int[pairCount][];
        for (int p = 0; p < pairCount; p++) {
            pairs[p] = new int[]{in.number() - tags, in.number() - tags};
        }
        Map<String, Set<String>> found = new HashMap<>();
        for (int transducers = in.number(); transducers > 0; transducers--) {
            String name = in.string();
            Transducer t = Transducer.read(in);
            // the entries are in "main@standard"; the "regexp" ones are patterns (numbers, URLs), not words
            if (!name.startsWith("regexp")) {
                if (!t.lemmas(pairs, found, keepAlike)) {
                    // e.g. a section of catch-all patterns: each state takes any letter, so paths abound
                    LOG.debugf("%s: section %s spells too many paths to be word entries; skipped", file, name);
                }
            }
        }
        return found;
    }

    /** One transducer: per state its transitions as {pair, target} and whether it ends an entry. */
    private record Transducer(int initial, boolean[] finals, int[][] labels, int[][] targets) {

        static Transducer read(Reader in) throws IOException {
            boolean weights = false;
            if (in.at + 4 <= in.bytes.length && in.bytes[in.at] == 'L' && in.bytes[in.at + 1] == 'T'
                    && in.bytes[in.at + 2] == 'T' && in.bytes[in.at + 3] == 'D') {
                in.at += 4;
                weights = (in.uint64() & 1) != 0;
            }
            int initial = in.number();
            int finalCount = in.number();
            int[] finalStates = new int[finalCount];
            int base = 0;
            for (int f = 0; f < finalCount; f++) {
                base += in.number();
                finalStates[f] = base;
                if (weights) {
                    in.weight();
                }
            }
            int states = in.number();
            boolean[] finals = new boolean[states];
            for (int f : finalStates) {
                if (f < states) {
                    finals[f] = true;
                }
            }
            int[][] labels = new int[states][];
            int[][] targets = new int[states][];
            for (int state = 0; state < states; state++) {
                int n = in.number();
                labels[state] = new int[n];
                targets[state] = new int[n];
                int label = 0;
                for (int i = 0; i < n; i++) {
                    label += in.number();
                    labels[state][i] = label;
                    targets[state][i] = (state + in.number()) % states;
                    if (weights) {
                        in.weight();
                    }
                }
            }
            return new Transducer(initial, finals, labels, targets);
        }

        /**
         * Walks every path to an entry's end, keeping each source lemma's target lemmas in dictionary order. A loop
         * (a pattern such as "any number") spells no entry: a path does not go back to a state it passed.
         */
        boolean lemmas(int[][] pairs, Map<String, Set<String>> into, boolean keepAlike) {
            Map<String, Set<String>> section = new HashMap<>();
            long[] steps = {MAX_STEPS};
            walk(initial, pairs, new StringBuilder(), new StringBuilder(), false, false, 0, new boolean[finals.length],
                    steps, (source, target) -> add(source, target, section, keepAlike));
            if (steps[0] < 0) {
                return false;
            }
            section.forEach((word, translations) -> BilingualDictionary.addTranslations(into, word, translations));
            return true;
        }

        private void walk(int state, int[][] pairs, StringBuilder source, StringBuilder target, boolean sourceTagged,
                          boolean targetTagged, int depth, boolean[] onPath, long[] steps,
                          BiConsumer<String, String> entry) {
            if (--steps[0] < 0) {
                return;
            }
            if (sourceTagged && targetTagged || finals[state] && sourceTagged) {
                entry.accept(source.toString(), target.toString());
                return; // the rest of the path is tags
            }
            if (depth > MAX_PATH || onPath[state]) {
                return;
            }
            onPath[state] = true;
            for (int i = 0; i < labels[state].length; i++) {
                int[] pair = pairs[labels[state][i]];
                int sourceLength = source.length();
                int targetLength = target.length();
                boolean s = sourceTagged || pair[0] < 0;
                boolean t = targetTagged || pair[1] < 0;
                if (!sourceTagged && pair[0] > 0) {
                    source.appendCodePoint(pair[0]);
                }
                if (!targetTagged && pair[1] > 0) {
                    target.appendCodePoint(pair[1]);
                }
                walk(targets[state][i], pairs, source, target, s, t, depth + 1, onPath, steps, entry);
                source.setLength(sourceLength);
                target.setLength(targetLength);
            }
            onPath[state] = false;
        }

        private static void add(String source, String target, Map<String, Set<String>> into, boolean keepAlike) {
            String headword = BilingualDictionary.fold(source);
            String english = target.strip().replace('_', ' ');
            // '#' marks a multi-word lemma's invariable part ("fer# servir"): not a word a profile writes as such
            if (headword.isEmpty() || english.isEmpty() || source.indexOf('#') >= 0 || english.indexOf('#') >= 0
                    || !keepAlike && headword.equals(BilingualDictionary.fold(english)) // a name, or a word alike
                    || headword.split(" ").length > BilingualDictionary.MAX_HEADWORD_WORDS) {
                return;
            }
            BilingualDictionary.addTranslations(into, headword, List.of(english.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** lttoolbox's numbers: one to four bytes, the first byte's two high bits say how many follow. */
    private static final class Reader {
        final byte[] bytes;
        int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int number() throws IOException {
            if (at >= bytes.length) {
                throw new IOException("the lttoolbox file ends early");
            }
            int first = bytes[at++] & 0xff;
            int more = first >> 6;
            int value = first & 0x3f;
            for (int i = 0; i < more; i++) {
                value = (value << 8) | (bytes[at++] & 0xff);
            }
            return value;
        }

        long uint64() {
            long value = ByteBuffer.wrap(bytes, at, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            at += 8;
            return value;
        }

        String string() throws IOException {
            StringBuilder s = new StringBuilder();
            for (int n = number(); n > 0; n--) {
                s.appendCodePoint(number());
            }
            return s.toString();
        }

        /** A weight (mantissa, exponent; each maybe in two numbers): skipped, the dictionary's order is enough. */
        void weight() throws IOException {
            for (int part = 0; part < 2; part++) {
                if (number() >= 0x04000000) {
                    number();
                }
            }
        }
    }
}
