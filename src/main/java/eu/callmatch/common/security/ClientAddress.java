package eu.callmatch.common.security;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** The client's address as the HTTP layer saw it (behind a proxy: quarkus.http.proxy.* decides what that is). */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(RoutingContext context) {
        return context == null ? "unknown" : of(context.request());
    }

    static String of(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
