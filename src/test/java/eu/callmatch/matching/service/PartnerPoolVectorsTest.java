package eu.callmatch.matching.service;

import eu.callmatch.common.TestData;
import eu.callmatch.imports.formats.Cordis;
import eu.callmatch.imports.formats.CordisSink;
import eu.callmatch.organisations.CordisOrganisation;
import eu.callmatch.organisations.CordisParticipation;
import eu.callmatch.organisations.CordisProject;
import eu.callmatch.organisations.service.OrganisationService.PoolProject;
import eu.callmatch.search.matching.TextEmbedder;
import eu.callmatch.search.matching.VectorFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The partner pool's vectors embedded in the background ({@link PartnerPool#embedMissing}, on the embedder's bulk
 * workers) are those a request embeds when it builds the pool itself, so that either may build it from the other's.
 */
class PartnerPoolVectorsTest {

    private static TextEmbedder embedder;
    private static final List<PoolProject> PROJECTS = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        embedder = new TextEmbedder(true);
        Cordis.readBundle(TestData.CORDIS_SAMPLE, new CordisSink() {
            public void project(CordisProject p) {
                PROJECTS.add(new PoolProject(p.id(), p.acronym(), p.title(), p.objective(), p.topic(),
                        p.topicTitle(), p.scienceFields(), "h"));
            }

            public void organisation(CordisOrganisation o) {
            }

            public void participation(CordisParticipation p) {
            }

            public void reject(String file, long line, String record, String reason) {
            }
        });
    }

    @Test
    void theBackgroundEmbedsWhatARequestWouldAndOnlyWhatIsMissing(@TempDir Path dir) throws InterruptedException {
        assertEquals(192, PROJECTS.size(), "the sample bundle's projects");
        VectorFile background = new VectorFile(dir.resolve("background.bin"));
        PartnerPool.build(PROJECTS.subList(0, 50), List.of(), List.of(), background, embedder); // a request's, before
        assertEquals(142, PartnerPool.embedMissing(PROJECTS, background, embedder), "the 50 known are not embedded again");
        assertEquals(0, PartnerPool.embedMissing(PROJECTS, background, embedder));

        PartnerPool requests = PartnerPool.build(PROJECTS, List.of(), List.of(),
                new VectorFile(dir.resolve("request.bin")), embedder);
        PartnerPool fromBackground = PartnerPool.build(PROJECTS, List.of(), List.of(), background, embedder);
        assertEquals(192 * TextEmbedder.DIMENSIONS, requests.vectors.length);
        assertArrayEquals(requests.vectors, fromBackground.vectors);
        assertArrayEquals(requests.vectors, PartnerPool.build(PROJECTS, List.of(), List.of(),
                new VectorFile(dir.resolve("background.bin")), embedder).vectors, "and they were written to the file");
    }
}
