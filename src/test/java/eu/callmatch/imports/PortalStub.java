package eu.callmatch.imports;

import com.sun.net.httpserver.HttpExchange;
import eu.callmatch.common.TestData;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the Funding &amp; Tenders Portal's search API, answering with a recorded real response
 * (src/test/resources/data/ft-portal/sedia-json/call_search_10_06_24.json) on page 1 and no results after; and a portal
 * that is down. No test reaches the network.
 */
public class PortalStub implements QuarkusTestResourceLifecycleManager {

    static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            byte[] recorded = Files.readAllBytes(TestData.SEDIA_JSON.resolve("call_search_10_06_24.json"));
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/search-api/prod/rest/search", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                REQUESTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n" + body);
                boolean first = exchange.getRequestURI().getQuery().contains("pageNumber=1");
                answer(exchange, 200, first ? recorded
                        : "{\"totalResults\": 1, \"results\": []}".getBytes(StandardCharsets.UTF_8));
            });
            server.createContext("/down", exchange -> {
                exchange.getRequestBody().readAllBytes();
                answer(exchange, 503, "Service Unavailable".getBytes(StandardCharsets.UTF_8));
            });
            server.createContext("/files/calls.jsonl", exchange -> answer(exchange, 200,
                    "{\"identifier\": \"STUB-FILE-0001\", \"title\": \"From a file over HTTP\"}\n".getBytes(StandardCharsets.UTF_8)));
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of(
                    "callmatch.import.sources.ft-portal.url", base + "/search-api/prod/rest/search",
                    "callmatch.import.sources.ft-portal.retry-pause", "PT0.05S",
                    "callmatch.import.sources.portal-down.type", "portal-search",
                    "callmatch.import.sources.portal-down.url", base + "/down",
                    "callmatch.import.sources.portal-down.retries", "2",
                    "callmatch.import.sources.portal-down.retry-pause", "PT0.05S",
                    "callmatch.import.sources.stub-file.type", "url",
                    "callmatch.import.sources.stub-file.url", base + "/files/calls.jsonl",
                    "callmatch.import.sources.stub-file.format", "callmatch-jsonl");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
