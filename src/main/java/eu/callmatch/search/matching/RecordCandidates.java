package eu.callmatch.search.matching;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The candidates a member's EU record brings: the calls in the work-programme areas of its own projects and of those
 * where its partners took part most.
 */
final class RecordCandidates {

    /** How many of the partners' most frequent areas bring candidates, and how many candidates the record brings. */
    static final int PARTNER_AREAS = 20;
    static final int MAX_RECORD_CANDIDATES = 300;
    /** An area of the member's own projects counts as this many of its partners' participations there. */
    static final int OWN_AREA_WEIGHT = 1_000_000;

    private RecordCandidates() {
    }

    /** A topic's area: its first {@value RecordFeatures#DEPTH} segments (years skipped), or null for fewer. */
    static String areaKey(String identifier) {
        List<String> segments = TopicCodes.segments(identifier);
        return segments.size() <= RecordFeatures.DEPTH ? null : TopicCodes.prefix(segments, RecordFeatures.DEPTH);
    }

    /**
     * A member's record brings its own candidates: the calls in the work-programme areas (programme, cluster,
     * destination) of its own projects and of the {@value #PARTNER_AREAS} areas where its partners took part most.
     * A member's next call often lies there without sharing its words with the profile's text. Where they are more
     * than {@value #MAX_RECORD_CANDIDATES}, the closest in meaning to the profile are taken (without vectors: its own
     * areas first, then its partners' by participations).
     */
    static void add(IndexSearcher searcher, CallMatchQuery query, DocSetQuery filter,
                    Map<Integer, double[]> candidates, int rowSize) throws IOException {
        MemberRecord record = query.record();
        if (record == null || record.isEmpty()) {
            return;
        }
        Map<String, Integer> weight = new HashMap<>(); // own areas before any partner's, then by participations
        Map<String, Integer> partnerAreas = new HashMap<>();
        record.partners().stream().map(p -> areaKey(p.topic())).filter(java.util.Objects::nonNull)
                .forEach(area -> partnerAreas.merge(area, 1, Integer::sum));
        partnerAreas.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(PARTNER_AREAS).forEach(e -> weight.put(e.getKey(), e.getValue()));
        record.own().stream().map(p -> areaKey(p.topic())).filter(java.util.Objects::nonNull)
                .forEach(area -> weight.merge(area, OWN_AREA_WEIGHT, Integer::sum));
        List<Integer> pooled = new ArrayList<>(); // in document order
        List<Integer> pooledWeight = new ArrayList<>(); // each one's area's weight
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            String[] keys = CallDocs.segmentAreas(leaf.reader());
            for (int doc = 0; doc < keys.length; doc++) {
                Integer w = keys[doc] == null ? null : weight.get(keys[doc]);
                if (w != null && filter.contains(leaf.ord, doc) && !candidates.containsKey(leaf.docBase + doc)) {
                    pooled.add(leaf.docBase + doc);
                    pooledWeight.add(w);
                }
            }
        }
        if (pooled.size() <= MAX_RECORD_CANDIDATES) {
            pooled.forEach(doc -> candidates.put(doc, CallMatcher.nanRow(rowSize)));
            return;
        }
        double[] key = new double[pooled.size()];
        if (query.vector() != null) {
            double[] cosines = StoredVectors.cosines(searcher.getIndexReader(), query.vector(), query.parts(),
                    pooled.stream().mapToInt(Integer::intValue).toArray());
            for (int i = 0; i < key.length; i++) {
                key[i] = Double.isNaN(cosines[i]) ? -2 : cosines[i];
            }
        } else {
            for (int i = 0; i < key.length; i++) {
                key[i] = pooledWeight.get(i);
            }
        }
        // between equals, document order (pooled is in it)
        for (int i : CallMatcher.best(key, Comparator.naturalOrder()).subList(0, MAX_RECORD_CANDIDATES)) {
            candidates.put(pooled.get(i), CallMatcher.nanRow(rowSize));
        }
    }
}
