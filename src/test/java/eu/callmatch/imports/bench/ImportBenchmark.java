package eu.callmatch.imports.bench;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * Import speed through the REST API on the real files, into the real PostgreSQL, with the search indexes following:
 * the 1,651-row portal CSV set, and the CORDIS sample bundle twice (the second import changes nothing). Run with
 * {@code ./mvnw -B test -Dgroups=benchmark -DexcludedGroups= -Dtest=ImportBenchmark}; figures are printed.
 */
@QuarkusTest
@Tag("benchmark")
class ImportBenchmark {

    static final Path DATA = Path.of("..", "shared", "data");

    @Test
    void importSpeed() throws IOException {
        List<Path> csvs;
        try (var files = Files.list(DATA.resolve("ft-portal/ft-csv-exports-2024"))) {
            csvs = files.sorted().toList();
        }
        long start = System.nanoTime();
        int rows = 0;
        for (Path csv : csvs) {
            var run = given().contentType("text/csv").body(Files.readAllBytes(csv)).queryParam("format", "ft-csv")
                    .when().post("/api/v1/imports/calls").then().statusCode(200).extract().jsonPath();
            rows += run.getInt("created") + run.getInt("updated") + run.getInt("unchanged") + run.getInt("rejected");
        }
        double csvSeconds = (System.nanoTime() - start) / 1e9;

        byte[] bundle = Files.readAllBytes(DATA.resolve("cordis/cordis-horizon-europe.zip"));
        start = System.nanoTime();
        var first = given().contentType("application/zip").body(bundle).when().post("/api/v1/imports/cordis")
                .then().statusCode(200).extract().jsonPath();
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        // searchable when the request returns: the organisations are in the index already
        long searchable = given().queryParam("size", 1).when().get("/api/v1/organisations").then().statusCode(200)
                .extract().jsonPath().getLong("total");
        start = System.nanoTime();
        var second = given().contentType("application/zip").body(bundle).when().post("/api/v1/imports/cordis")
                .then().statusCode(200).extract().jsonPath();
        double secondSeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("%nIMPORT BENCHMARK (%d cores)%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("ft-csv, %d files, %d rows: %.2f s (target < 5 s)%n", csvs.size(), rows, csvSeconds);
        System.out.printf("CORDIS bundle, first import: %.2f s (target < 60 s): %d organisations created, "
                + "%s participations; searchable on return: %d organisations in the index%n",
                firstSeconds, first.getInt("created"), first.getMap("details.participations"), searchable);
        System.out.printf("CORDIS bundle, unchanged re-import: %.2f s = %.0f%% of the first (target < 33%%): %d unchanged%n",
                secondSeconds, 100 * secondSeconds / firstSeconds, second.getInt("unchanged"));
    }
}
