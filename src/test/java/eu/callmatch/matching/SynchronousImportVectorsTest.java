package eu.callmatch.matching;

import eu.callmatch.common.TestData;
import eu.callmatch.search.matching.CallMatchQuery;
import eu.callmatch.search.matching.CallMatcher;
import eu.callmatch.search.matching.TextEmbedder;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * A synchronous calls import answers once its calls have their semantic vectors (the production default of
 * {@code callmatch.import.vector-wait}; the other tests run without the wait), so that a caller that imports and then
 * matches gets whole rankings although matching requests never wait for vectors.
 */
@QuarkusTest
@TestProfile(SynchronousImportVectorsTest.Waiting.class)
class SynchronousImportVectorsTest {

    public static class Waiting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callmatch.import.vector-wait", "5m");
        }
    }

    @Inject
    CallMatcher matcher;
    @Inject
    TextEmbedder embedder;

    /** A call match searches the profile's words while the model reads the profile: the ranking is the same. */
    @Test
    void matchingWhileTheProfileIsEmbeddedRanksAsMatchingAfterIt() throws Exception {
        given().contentType("application/x-ndjson").body(Files.readAllBytes(TestData.CALLS_SAMPLE))
                .queryParam("format", "callmatch-jsonl")
                .when().post("/api/v1/imports/calls")
                .then().statusCode(200).body("details.vectors.calls", greaterThan(100));
        List<String> profiles = List.of(
                "We build underwater drones that inspect floating wind turbines and their moorings.",
                "Digital platform for farmers: soil sensors, irrigation advice and crop disease detection with AI.",
                "SME making recycled composite materials for the construction sector. Circular economy. Low-carbon "
                        + "concrete. Building renovation.");
        for (int i = 0; i < profiles.size(); i++) {
            String text = profiles.get(i) + " (" + i + ")"; // not remembered by the embedder yet
            CallMatchQuery words = new CallMatchQuery(text, List.of(), null, List.of(), List.of(), List.of(),
                    List.of(), null, 200);
            CallMatcher.Result later = matcher.match(words, embedder.embedProfileLater(text, text, 3), 20);
            TextEmbedder.Vectors vectors = embedder.embedProfile(text, text, 3);
            CallMatcher.Result before = matcher.match(new CallMatchQuery(text, List.of(), vectors.text(),
                    vectors.sentences(), List.of(), List.of(), List.of(), null, 200), 20);
            assertEquals(20, before.matches().size());
            assertEquals(before, later, text);
        }
    }

    @Test
    void theMatchRightAfterASynchronousImportComparesItsCallsInMeaning() {
        String programme = "Synchronous Vectors Programme";
        List<String> ids = IntStream.rangeClosed(1, 40).mapToObj(i -> "HORIZON-CL9-2031-SV-01-%02d".formatted(i)).toList();
        try {
            given().contentType("application/x-ndjson")
                    .body(MatchingResourceTest.pendingCalls(ids, programme, "mooring lines").getBytes(StandardCharsets.UTF_8))
                    .queryParam("format", "callmatch-jsonl")
                    .when().post("/api/v1/imports/calls")
                    .then().statusCode(200).body("created", equalTo(40))
                    // it answered once its own calls had their vectors, which its details say
                    .body("details.vectors.calls", equalTo(40));
            given().contentType(ContentType.JSON)
                    .body(MatchingResourceTest.profile(
                            "We build underwater drones that inspect floating wind turbines and their moorings."))
                    .queryParam("programme", programme)
                    .when().post("/api/v1/call-matches")
                    .then().statusCode(200)
                    .body("pendingVectors", equalTo(0))
                    .body("items.size()", equalTo(20))
                    .body("items.reasons.flatten()", not(hasItem(startsWith("not compared in meaning yet"))))
                    .body("items[0].reasons", hasItem(startsWith("close in meaning to the profile")));
        } finally {
            ids.forEach(id -> given().when().delete("/api/v1/calls/{id}", id));
        }
    }
}
