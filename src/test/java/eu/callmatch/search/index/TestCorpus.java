package eu.callmatch.search.index;

import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.CallDto;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.members.MemberDto;
import eu.callmatch.organisations.OrganisationDto;
import eu.callmatch.organisations.OrganisationDto.ParticipationDto;
import org.apache.lucene.document.Document;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Small in-memory indexes and DTO factories for the tests. */
final class TestCorpus implements Closeable {

    private final IndexKind kind;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;

    private TestCorpus(IndexKind kind, List<Document> docs) throws IOException {
        this.kind = kind;
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(Analyzers.PER_FIELD))) {
            for (Document doc : docs) {
                writer.addDocument(doc);
            }
        }
        reader = DirectoryReader.open(directory);
    }

    static TestCorpus of(IndexKind kind, List<Document> docs) {
        try {
            return new TestCorpus(kind, docs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SearchResult search(SearchRequest request) {
        try {
            return IndexSearch.run(kind, new IndexSearcher(reader), request,
                    new DefaultSortedSetDocValuesReaderState(reader, SearchFields.FACETS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> ids(SearchRequest request) {
        return search(request).hits().stream().map(SearchResult.Hit::id).toList();
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }

    static CallDto call(String id, String title, String description, String programme, CallStatus status,
                        String actionType, String cluster, LocalDate opening, List<LocalDate> deadlines,
                        Long budgetMin, List<String> keywords) {
        return new CallDto(id, id.substring(0, Math.max(1, id.lastIndexOf('-'))), title, null, programme, cluster,
                null, actionType, status, opening, deadlines, null,
                budgetMin == null ? null : BigDecimal.valueOf(budgetMin),
                budgetMin == null ? null : BigDecimal.valueOf(budgetMin * 2), null, null, description, keywords,
                null, null, null, null, null, null, null);
    }

    static CallDto call(String id, String title, String description) {
        return call(id, title, description, "Horizon Europe", CallStatus.OPEN, "HORIZON-RIA", null,
                LocalDate.of(2026, 1, 1), List.of(LocalDate.of(2026, 9, 1)), null, List.of());
    }

    static MemberDto member(long id, String name, String country, OrganisationType type, String description,
                            List<String> keywords, List<String> programmes, MemberDto.ContactDto contact) {
        return new MemberDto(id, null, name, null, country, null, type, description, keywords, List.of("C28.99"),
                programmes, null, null, contact, null, null);
    }

    static OrganisationDto organisation(String pic, String name, String country, Boolean sme, String activityType,
                                        long participations, List<ParticipationDto> projects) {
        return new OrganisationDto(pic, name, null, country, null, activityType,
                eu.callmatch.organisations.mapping.OrganisationMapper.typeOf(activityType, sme), sme, null,
                participations, projects);
    }

    static ParticipationDto participation(String acronym, String title, String objective, String topic,
                                          String topicTitle, List<String> scienceFields) {
        return new ParticipationDto("1" + acronym.hashCode(), acronym, title, objective, topic, topicTitle,
                "participant", BigDecimal.TEN, scienceFields, null, null);
    }
}
