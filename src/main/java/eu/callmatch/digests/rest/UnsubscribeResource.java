package eu.callmatch.digests.rest;

import eu.callmatch.common.openapi.ApiDocumentFilter;
import eu.callmatch.digests.service.DigestSubscriptions;
import eu.callmatch.digests.service.UnsubscribeLinks;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The digest's unsubscribe link, for its recipient without a login. Opening it only asks (mail scanners open
 * links); the page's button, or a mail client's one-click unsubscribe (RFC 8058), POSTs to the same address.
 */
@PermitAll
@Path("/api/v1/digests/unsubscribe/{token}")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Outputs")
public class UnsubscribeResource {

    private final DigestSubscriptions subscriptions;
    private final Template page;

    UnsubscribeResource(DigestSubscriptions subscriptions, @Location("digest/unsubscribe.html") Template page) {
        this.subscriptions = subscriptions;
        this.page = page;
    }

    @GET
    @Extension(name = ApiDocumentFilter.PUBLIC, value = "true")
    @Operation(operationId = "confirmDigestUnsubscribe", summary = "The unsubscribe page (from a digest e-mail)",
            description = "The page an unsubscribe link opens: it asks to confirm with a button, which POSTs to the "
                    + "same address. Needs no login: the signed token in the address is the key; 404 for a token "
                    + "this service did not sign.")
    @APIResponse(responseCode = "200", description = "The confirmation page",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "page", value = "<!DOCTYPE html><html><body><form method=\"post\">"
                            + "<button>Unsubscribe</button></form></body></html>")))
    public String confirm(@Parameter(description = "The signed token of the digest's link",
            example = "NDIuQ09OVEFDVA.4rj3kq0m6G8m0KQ0r8Y3Yx2ZQ8j7Vb1dXk7bq2Yq1wE") @PathParam("token") String token) {
        subscriptions.target(token);
        return page.data("done", false).data("was", true).render();
    }

    @POST
    @Extension(name = ApiDocumentFilter.PUBLIC, value = "true")
    @Operation(operationId = "unsubscribeByLink", summary = "Unsubscribe by a digest's link",
            description = "The link's recipient (the member's contact person, or its staff user) gets no more "
                    + "digests of that member; the member's other recipient still does. What the page's button and "
                    + "a mail client's one-click unsubscribe (List-Unsubscribe-Post) send. Needs no login; 404 for a "
                    + "token this service did not sign; doing it twice changes nothing.")
    @APIResponse(responseCode = "200", description = "Unsubscribed",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "done", value = "<!DOCTYPE html><html><body><p>You will receive "
                            + "no more digests.</p></body></html>")))
    public String unsubscribe(@Parameter(description = "The signed token of the digest's link",
            example = "NDIuQ09OVEFDVA.4rj3kq0m6G8m0KQ0r8Y3Yx2ZQ8j7Vb1dXk7bq2Yq1wE") @PathParam("token") String token) {
        UnsubscribeLinks.Target target = subscriptions.target(token);
        boolean was = subscriptions.unsubscribe(target);
        return page.data("done", true).data("was", was).render();
    }
}
