package eu.callmatch.common.security;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Headers on every response, Swagger UI and health included: no MIME sniffing, no framing (clickjacking), no
 * referrer; API answers may hold personal data and are never cached.
 */
@ApplicationScoped
public class SecurityHeaders {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String path = context.normalizedPath();
            context.addHeadersEndHandler(ignored -> {
                MultiMap headers = context.response().headers();
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("X-Frame-Options", "DENY");
                if (!headers.contains("Content-Security-Policy")) {
                    headers.set("Content-Security-Policy", "frame-ancestors 'none'");
                }
                headers.set("Referrer-Policy", "no-referrer");
                if (path.startsWith("/api/")) {
                    headers.set("Cache-Control", "no-store");
                }
            });
            context.next();
        });
    }
}
