/**
 * The Lucene side of search: the only package (with its siblings under {@code eu.callmatch.search}) that imports
 * {@code org.apache.lucene}. Plain Java, no CDI: an owner bean per {@link eu.callmatch.search.index.IndexKind}
 * holds a {@link eu.callmatch.search.index.LuceneIndex}.
 *
 * <pre>{@code
 * LuceneIndex calls = LuceneIndex.open(root, IndexKind.CALLS);          // @PostConstruct / StartupEvent
 * if (calls.needsRebuild(SearchFields.SCHEMA_VERSION)) {                 // missing, corrupt or another schema
 *     try (LuceneIndex.Rebuild rebuild = calls.beginRebuild(SearchFields.SCHEMA_VERSION)) {
 *         String watermark = outbox.lastId();                             // before reading PostgreSQL
 *         callService.streamAll(dto -> rebuild.add(dto.identifier(), Documents.of(dto)));
 *         rebuild.swap(Map.of(LuceneIndex.LAST_CHANGE_KEY, watermark));
 *     }                                                                   // then replay the outbox after it
 * }
 * long generation = calls.update(dto.identifier(), Documents.of(dto));  // after the database commit
 * calls.waitFor(generation);                                              // only where the caller reads its write
 * SearchResult result = calls.search(SearchRequest.of("offshore wind").withFilter(SearchFields.STATUS, "OPEN"));
 * calls.commit(Map.of(LuceneIndex.LAST_CHANGE_KEY, lastAppliedId));       // @Scheduled, e.g. every minute
 * calls.close();                                                          // @PreDestroy / ShutdownEvent
 * }</pre>
 */
package eu.callmatch.search.index;
