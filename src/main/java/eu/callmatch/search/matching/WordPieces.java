package eu.callmatch.search.matching;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The word pieces the model reads a text as (its tokenizer, the one langchain4j ships with the model): what a run
 * of the model costs is about proportional to them.
 */
final class WordPieces {

    static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

    /** One for the process, loaded on first use: encoding is thread-safe. */
    private static final class Shared {
        static final HuggingFaceTokenizer TOKENIZER = load();
    }

    private WordPieces() {
    }

    /** The model's tokenizer, reading at most 128 word pieces of a text and not padding them. */
    static HuggingFaceTokenizer load() {
        try (InputStream vocabulary = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader()
                .getResourceAsStream(TOKENIZER)) {
            if (vocabulary == null) {
                throw new IllegalStateException("the tokenizer is missing from the classpath: " + TOKENIZER);
            }
            return HuggingFaceTokenizer.newInstance(vocabulary, Map.of("padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many word pieces the model reads of {@code text}, [CLS] and [SEP] included (at most 128). */
    static int count(String text) {
        return Shared.TOKENIZER.encode(text, true, false).getIds().length;
    }

    /**
     * The start of {@code text}, whole words only, that the model reads as at most {@code max} word pieces ([CLS]
     * and [SEP] included); the text itself where it is that short. A word is what the tokenizer splits at white
     * space and punctuation, so the pieces of the start are the first pieces of the text.
     */
    static String start(String text, int max) {
        Encoding encoding = Shared.TOKENIZER.encode(text, true, false);
        long[] words = encoding.getWordIds();
        int cut = cut(words, max);
        if (cut == words.length) {
            return text;
        }
        CharSpan[] spans = encoding.getCharTokenSpans();
        return spans[cut] == null ? text : text.substring(0, spans[cut].getStart()).strip();
    }

    /**
     * Where an encoding ({@code words}: its pieces' word numbers, [CLS] and [SEP] included) is cut so that its whole
     * words and a [SEP] make at most {@code max} pieces: the first piece left out, or the length when all fit.
     */
    static int cut(long[] words, int max) {
        if (words.length <= max) {
            return words.length;
        }
        // the first piece that does not fit, before the [SEP] that ends every run; back to its word's first piece
        int cut = max - 1;
        while (cut > 1 && words[cut - 1] == words[cut]) {
            cut--;
        }
        return cut;
    }
}
