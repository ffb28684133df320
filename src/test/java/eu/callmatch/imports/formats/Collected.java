package eu.callmatch.imports.formats;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** A sink that keeps what a parser delivered, for assertions. */
final class Collected<T> implements RecordSink<T> {

    record Accepted<T>(long line, T record) {
    }

    record Rejected(long line, String record, String reason) {
    }

    final List<Accepted<T>> accepted = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    /** How each folded record was merged, in the order the parser said it. */
    final List<String> merged = new ArrayList<>();

    @Override
    public void accept(long line, T record) {
        accepted.add(new Accepted<>(line, record));
    }

    @Override
    public void reject(long line, String record, String reason) {
        rejected.add(new Rejected(line, record, reason));
    }

    @Override
    public void merged(String how) {
        merged.add(how);
    }

    List<T> records() {
        return accepted.stream().map(Accepted::record).toList();
    }

    static <T> Collected<T> of(Path file, BiConsumer<Reader, RecordSink<T>> parser) throws IOException {
        Collected<T> collected = new Collected<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            parser.accept(reader, collected);
        }
        return collected;
    }

    static <T> Collected<T> of(String text, BiConsumer<Reader, RecordSink<T>> parser) {
        Collected<T> collected = new Collected<>();
        parser.accept(new StringReader(text), collected);
        return collected;
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
