package eu.callmatch.search.service;

import eu.callmatch.search.IndexSource;
import eu.callmatch.search.IndexedCall;
import eu.callmatch.search.IndexedMember;
import eu.callmatch.search.IndexedOrganisation;
import eu.callmatch.search.index.Documents;
import eu.callmatch.search.index.IndexKind;
import eu.callmatch.search.matching.CallText;
import eu.callmatch.search.matching.TextEmbedder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.apache.lucene.document.Document;
import org.hibernate.Session;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the indexes hold, read from the system of record: the documents for a batch of keys. */
@ApplicationScoped
class IndexedRecords {

    private final IndexSource<IndexedCall> calls;
    private final IndexSource<IndexedMember> members;
    private final IndexSource<IndexedOrganisation> organisations;

    private final TextEmbedder embedder;
    private final EntityManager em;

    IndexedRecords(IndexSource<IndexedCall> calls, IndexSource<IndexedMember> members,
                   IndexSource<IndexedOrganisation> organisations,
                   TextEmbedder embedder, EntityManager em) {
        this.em = em;
        this.calls = calls;
        this.embedder = embedder;
        this.members = members;
        this.organisations = organisations;
    }

    /**
     * The documents of the keys that exist; a key missing from the result was deleted. A call's text is embedded
     * here, outside the transaction that read it (a few milliseconds a call).
     */
    Map<String, Document> documents(IndexKind kind, Collection<String> keys) {
        return documents(kind, keys, true, KnownVectors.NONE);
    }

    /**
     * As {@link #documents(IndexKind, Collection)}; without {@code embed}, a call gets its vector only where {@code
     * known} has it for its text (the others get theirs later).
     */
    Map<String, Document> documents(IndexKind kind, Collection<String> keys, boolean embed, KnownVectors known) {
        if (kind != IndexKind.CALLS) {
            return readOnly(() -> read(kind, keys));
        }
        return callDocuments(keys, embed ? null : Map.of(), known);
    }

    /** Vectors computed before: those the index holds for calls' texts, by the digest of the text. */
    interface KnownVectors {
        KnownVectors NONE = hashes -> Map.of();

        /** The vectors of the keys whose text has the digest given (the others are not known). */
        Map<String, float[]> of(Map<String, byte[]> textHashes);
    }

    /**
     * The calls' vector sources ({@link CallText#vectorSource}) and their vectors, to index later with {@link
     * #callDocuments}; {@code before} runs first (to give way to more urgent work). The calls are embedded together,
     * on the embedder's bulk workers.
     */
    Map<String, Map.Entry<String, float[]>> embedCalls(Collection<String> keys, Runnable before)
            throws InterruptedException {
        Map<String, IndexedCall> found = readOnly(() -> calls.records(keys));
        before.run();
        List<String> order = List.copyOf(found.keySet());
        List<String> sources = order.stream().map(k -> CallText.vectorSource(found.get(k))).toList();
        List<float[]> embedded = embedder.embedAll(sources.stream().map(CallText::vectorText).toList());
        Map<String, Map.Entry<String, float[]>> vectors = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            if (embedded.get(i) != null) {
                vectors.put(order.get(i), Map.entry(sources.get(i), embedded.get(i)));
            }
        }
        return vectors;
    }

    /**
     * The calls' documents as they are now, with the vectors given where the vector source is still the one embedded,
     * else those {@code known} has for their source; {@code vectors} null: every other call is embedded here.
     */
    Map<String, Document> callDocuments(Collection<String> keys, Map<String, Map.Entry<String, float[]>> vectors,
                                        KnownVectors known) {
        Map<String, IndexedCall> found = readOnly(() -> calls.records(keys));
        // the sources and their digests need no tokenizer: only a call embedded here is cut to what the model reads
        Map<String, String> sources = new HashMap<>();
        Map<String, byte[]> hashes = new HashMap<>();
        found.forEach((k, call) -> {
            String source = CallText.vectorSource(call);
            sources.put(k, source);
            hashes.put(k, CallText.vectorDigest(source));
        });
        Map<String, float[]> before = embedder.enabled() ? known.of(hashes) : Map.of();
        Map<String, Document> docs = new HashMap<>();
        found.forEach((k, call) -> {
            String source = sources.get(k);
            float[] vector = null;
            if (vectors != null && vectors.containsKey(k) && vectors.get(k).getKey().equals(source)) {
                vector = vectors.get(k).getValue();
            } else if (before.containsKey(k)) {
                vector = before.get(k);
            } else if (vectors == null) {
                vector = embedder.embed(CallText.vectorText(source));
            }
            docs.put(k, Documents.of(call, vector, hashes.get(k)));
        });
        return docs;
    }

    boolean embeddingsEnabled() {
        return embedder.enabled();
    }

    /**
     * In a transaction of its own whose entities are read-only: Hibernate keeps no snapshots of them and does not
     * check them for changes at commit (a tenth of the search thread's time during an import, measured).
     */
    private <T> T readOnly(java.util.function.Supplier<T> read) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.unwrap(Session.class).setDefaultReadOnly(true);
            return read.get();
        });
    }

    private Map<String, Document> read(IndexKind kind, Collection<String> keys) {
        Map<String, Document> docs = new HashMap<>();
        switch (kind) {
            case CALLS -> calls.records(keys).forEach((k, call) -> docs.put(k, Documents.of(call)));
            case MEMBERS -> members.records(keys).forEach((k, member) -> docs.put(k, Documents.of(member)));
            case ORGANISATIONS -> organisations.records(keys).forEach((k, org) -> docs.put(k, Documents.of(org)));
        }
        return docs;
    }

    /** Keys in order after {@code after} (null: from the start), to walk a whole table a page at a time. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<String> keysAfter(IndexKind kind, String after, int limit) {
        return source(kind).keysAfter(after, limit);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    long count(IndexKind kind) {
        return source(kind).count();
    }

    private IndexSource<?> source(IndexKind kind) {
        return switch (kind) {
            case CALLS -> calls;
            case MEMBERS -> members;
            case ORGANISATIONS -> organisations;
        };
    }
}
