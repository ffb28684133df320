package eu.callmatch.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed API document is the one the code produces, and it describes every operation fully. */
@QuarkusTest
class OpenApiDocumentTest {

    private static final String REFRESH = " is stale: run ./mvnw package -DskipTests and commit openapi/";

    @Test
    void committedYamlIsWhatTheServiceServes() throws IOException {
        String served = given().queryParam("format", "yaml").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        compare(served, "openapi.yaml");
    }

    @Test
    void committedJsonIsWhatTheServiceServes() throws IOException {
        String served = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        compare(served, "openapi.json");
    }

    @Test
    void everyOperationHasAnIdSummaryDescriptionTagAndAProblemResponse() {
        JsonPath doc = given().queryParam("format", "json").when().get("/q/openapi").then().extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<String> missing = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            String where = method.toUpperCase() + " " + path;
            for (String field : List.of("operationId", "summary", "description", "tags")) {
                if (!operation.containsKey(field)) {
                    missing.add(where + " lacks " + field);
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            if (path.startsWith("/api/") && !responses.containsKey("500")) {
                missing.add(where + " documents no problem response");
            }
        }));
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /** Compared as documents: the build and the running service may order a schema's keys differently. */
    private static void compare(String served, String file) throws IOException {
        ObjectMapper mapper = file.endsWith(".yaml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        JsonNode committed = mapper.readTree(Files.readString(Path.of("openapi", file)));
        JsonNode current = mapper.readTree(served);
        if (!current.equals(committed)) {
            // kept for a diff against the committed copy
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "served-" + file), served);
        }
        assertEquals(committed, current, "openapi/" + file + REFRESH + " (served copy: target/served-" + file + ")");
    }
}
