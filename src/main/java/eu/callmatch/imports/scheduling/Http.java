package eu.callmatch.imports.scheduling;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** HTTP requests to a source, with a time-out and retries after a doubling pause. */
final class Http {

    private static final Logger LOG = Logger.getLogger(Http.class);

    private final HttpClient client;
    private final int retries;
    private final Duration pause;

    Http(Duration timeout, int retries, Duration pause) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.retries = retries;
        this.pause = pause;
    }

    /** Sends the request until it answers 2xx; 4xx other than 429 are not tried again. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws SourceUnavailable {
        Exception last = null;
        Duration wait = pause;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                LOG.infof("Retrying %s in %s (attempt %d of %d)", request.uri().getHost(), wait, attempt + 1, retries + 1);
                sleep(wait);
                wait = wait.multipliedBy(2);
            }
            try {
                HttpResponse<T> response = client.send(request, handler);
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return response;
                }
                last = new IOException("HTTP " + status + " from " + request.uri().getHost());
                if (status / 100 == 4 && status != 429) {
                    break;
                }
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceUnavailable("interrupted while reading " + request.uri().getHost(), e);
            }
        }
        String why = last == null ? "no answer" : last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage();
        throw new SourceUnavailable(request.uri().getHost() + " could not be read after " + (retries + 1)
                + " attempts: " + why, last);
    }

    private static void sleep(Duration duration) throws SourceUnavailable {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailable("interrupted", e);
        }
    }
}
