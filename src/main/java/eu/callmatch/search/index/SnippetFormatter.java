package eu.callmatch.search.index;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * The best passage (a sentence) cut to {@value #MAX_CHARS} characters around its first match, HTML-escaped so that
 * the {@code <em>} marks are the only markup a client can meet.
 */
final class SnippetFormatter extends PassageFormatter {

    static final String OPEN = "<em>";
    static final String CLOSE = "</em>";
    static final int MAX_CHARS = 240;
    private static final String ELLIPSIS = "…";

    @Override
    public Object format(Passage[] passages, String content) {
        if (passages.length == 0) {
            return null;
        }
        Passage passage = passages[0];
        int start = passage.getStartOffset();
        int end = passage.getEndOffset();
        if (end - start > MAX_CHARS) {
            int anchor = passage.getNumMatches() > 0 ? passage.getMatchStarts()[0] : start;
            start = Math.max(start, anchor - MAX_CHARS / 4);
            end = Math.min(passage.getEndOffset(), start + MAX_CHARS);
            start = wordStart(content, start, anchor, passage.getStartOffset());
            if (end < passage.getEndOffset()) {
                end = wordEnd(content, end, start);
            }
        }
        StringBuilder snippet = new StringBuilder();
        if (start > passage.getStartOffset()) {
            snippet.append(ELLIPSIS);
        }
        int pos = start;
        for (int i = 0; i < passage.getNumMatches(); i++) {
            int matchStart = passage.getMatchStarts()[i];
            int matchEnd = passage.getMatchEnds()[i];
            if (matchStart < pos || matchEnd > end) {
                continue; // overlapping, or cut off
            }
            escape(content, pos, matchStart, snippet);
            snippet.append(OPEN);
            escape(content, matchStart, matchEnd, snippet);
            snippet.append(CLOSE);
            pos = matchEnd;
        }
        escape(content, pos, end, snippet);
        if (end < passage.getEndOffset()) {
            snippet.append(ELLIPSIS);
        }
        return snippet.toString().strip();
    }

    /** Moves a cut start forward past a partial word, never past the first match. */
    private static int wordStart(String content, int start, int anchor, int passageStart) {
        if (start == passageStart) {
            return start;
        }
        int space = content.indexOf(' ', start);
        return space >= 0 && space < anchor ? space + 1 : start;
    }

    /** Moves a cut end back before a partial word. */
    private static int wordEnd(String content, int end, int start) {
        int space = content.lastIndexOf(' ', end);
        return space > start ? space : end;
    }

    private static void escape(String content, int from, int to, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = content.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
    }
}
