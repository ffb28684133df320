package eu.callmatch.search.index;

import java.text.BreakIterator;
import java.text.CharacterIterator;
import java.text.StringCharacterIterator;

/**
 * Sentence boundaries for snippets: after {@code .}, {@code !} or {@code ?} and the white space that follows, unless
 * the next word starts in lower case (an abbreviation: "e.g. the"), and after a line or paragraph break; and at the
 * text's ends. A boundary is found by looking at the characters around it, from the offset the highlighter asks about
 * to the next or previous boundary: the JDK's sentence iterator walks its rules from the start of the text instead,
 * which made snippets half the cost of a search over long descriptions.
 */
final class SentenceBreaks extends BreakIterator {

    private CharacterIterator iterator = new StringCharacterIterator("");
    private String text = "";
    /** The text's offsets are from {@code begin} (a character iterator may start past 0) to {@code end}. */
    private int begin;
    private int end;
    private int current;

    @Override
    public void setText(String newText) {
        iterator = new StringCharacterIterator(newText);
        text = newText;
        begin = 0;
        end = newText.length();
        current = 0;
    }

    @Override
    public void setText(CharacterIterator newText) {
        StringBuilder chars = new StringBuilder(newText.getEndIndex() - newText.getBeginIndex());
        for (char c = newText.first(); c != CharacterIterator.DONE; c = newText.next()) {
            chars.append(c);
        }
        iterator = newText;
        text = chars.toString();
        begin = newText.getBeginIndex();
        end = newText.getEndIndex();
        current = begin;
    }

    /** Whether a sentence starts at {@code offset}: see the class comment. */
    private boolean startsSentence(int offset) {
        if (offset <= begin || offset >= end) {
            return true;
        }
        char next = charAt(offset);
        if (isWhitespace(next) || !isWhitespace(charAt(offset - 1))) {
            return false;
        }
        int i = offset - 1;
        while (i >= begin && isWhitespace(charAt(i))) {
            if (isLineBreak(charAt(i))) {
                return true;
            }
            i--;
        }
        if (i < begin) {
            return false;
        }
        char last = charAt(i);
        return (last == '.' || last == '!' || last == '?') && !Character.isLowerCase(next);
    }

    /**
     * {@link Character#isWhitespace}, answered without its tables for the printable ASCII most of a text is: the
     * highlighter has every character of the sentences it cuts looked at, and the tables were a good part of that.
     */
    private static boolean isWhitespace(char c) {
        return (c <= ' ' || c >= '\u0080') && Character.isWhitespace(c);
    }

    /** Whether a sentence may start at {@code offset}: only after white space (the cheap half of the test). */
    private boolean afterWhitespace(int offset) {
        return isWhitespace(charAt(offset - 1));
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
    }

    private char charAt(int offset) {
        return text.charAt(offset - begin);
    }

    @Override
    public CharacterIterator getText() {
        return iterator;
    }

    @Override
    public int first() {
        current = begin;
        return current;
    }

    @Override
    public int last() {
        current = end;
        return current;
    }

    @Override
    public int next(int n) {
        int result = current;
        for (int i = 0; i < n && result != DONE; i++) {
            result = next();
        }
        for (int i = 0; i > n && result != DONE; i--) {
            result = previous();
        }
        return result;
    }

    @Override
    public int next() {
        return current >= end ? DONE : following(current);
    }

    @Override
    public int previous() {
        return current <= begin ? DONE : preceding(current);
    }

    @Override
    public int current() {
        return current;
    }

    /** The first boundary after {@code offset}, or DONE at the end. */
    @Override
    public int following(int offset) {
        checkOffset(offset);
        if (offset >= end) {
            current = end;
            return DONE;
        }
        int p = offset + 1;
        while (p < end && !(afterWhitespace(p) && startsSentence(p))) {
            p++;
        }
        current = p;
        return p;
    }

    /** The last boundary before {@code offset}, or DONE at the start. */
    @Override
    public int preceding(int offset) {
        checkOffset(offset);
        if (offset <= begin) {
            current = begin;
            return DONE;
        }
        int p = offset - 1;
        while (p > begin && !(afterWhitespace(p) && startsSentence(p))) {
            p--;
        }
        current = p;
        return p;
    }

    @Override
    public boolean isBoundary(int offset) {
        checkOffset(offset);
        if (startsSentence(offset)) {
            current = offset;
            return true;
        }
        following(offset);
        return false;
    }

    private void checkOffset(int offset) {
        if (offset < begin || offset > end) {
            throw new IllegalArgumentException("offset " + offset + " is outside the text");
        }
    }

    @Override
    public Object clone() {
        SentenceBreaks copy = (SentenceBreaks) super.clone();
        copy.iterator = (CharacterIterator) iterator.clone();
        return copy;
    }
}
