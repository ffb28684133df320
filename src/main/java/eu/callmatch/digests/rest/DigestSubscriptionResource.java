package eu.callmatch.digests.rest;

import eu.callmatch.common.security.CurrentUser;
import eu.callmatch.common.security.Roles;
import eu.callmatch.digests.service.DigestSubscriptions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A member's opt-in to the e-mail digest. */
@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/members")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outputs")
public class DigestSubscriptionResource {

    static final String SUBSCRIPTION = """
            {"member": 42, "rhythm": "WEEKLY", "toContact": true, "toAssignee": true, "language": "fr",
             "updatedBy": "alice", "updatedAt": "2026-11-27T09:12:00Z"}""";

    private final DigestSubscriptions subscriptions;
    private final CurrentUser user;

    DigestSubscriptionResource(DigestSubscriptions subscriptions, CurrentUser user) {
        this.subscriptions = subscriptions;
        this.user = user;
    }

    @PUT
    @Path("/{id}/digest-subscription")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "subscribeToDigest", summary = "Subscribe a member to the e-mail digest",
            description = "The member opts in: at callmatch.digest.cron (in callmatch.time-zone), every day (DAILY) "
                    + "or on callmatch.digest.weekly-day (WEEKLY), its contact person and/or the staff user assigned "
                    + "to it get an e-mail (text and HTML) with the calls alerted since their previous digest and the "
                    + "pipeline's deadlines within 30 days, with links, in its language (en, fr, es; by default the "
                    + "member's own where it is one of these), and a link to unsubscribe without a login. Nothing is "
                    + "sent when there is nothing to say. Replaces an earlier subscription. For helpdesk staff.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = DigestSubscriptionDto.Request.class),
            examples = @ExampleObject(name = "weekly", value = "{\"rhythm\": \"WEEKLY\", \"toContact\": true, "
                    + "\"toAssignee\": true, \"language\": \"fr\"}")))
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = DigestSubscriptionDto.Subscription.class),
                    examples = @ExampleObject(name = "subscription", value = SUBSCRIPTION)))
    public DigestSubscriptionDto.Subscription subscribe(
            @Parameter(description = "The member's id", example = "42") @PathParam("id") long id,
            @NotNull(message = "a subscription is required") @Valid DigestSubscriptionDto.Request body) {
        return DigestSubscriptionDto.Subscription.of(subscriptions.put(id, body.rhythm(),
                body.toContact() == null || body.toContact(), body.toAssignee() != null && body.toAssignee(),
                body.language(), user.name()));
    }

    @GET
    @Path("/{id}/digest-subscription")
    @Operation(operationId = "getDigestSubscription", summary = "A member's digest subscription",
            description = "How often, to whom and in which language the member's digest goes out (an unsubscribe "
                    + "link turns its recipient off); 404 when the member has none. For helpdesk staff.")
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = DigestSubscriptionDto.Subscription.class),
                    examples = @ExampleObject(name = "subscription", value = SUBSCRIPTION)))
    public DigestSubscriptionDto.Subscription subscription(
            @Parameter(description = "The member's id", example = "42") @PathParam("id") long id) {
        return DigestSubscriptionDto.Subscription.of(subscriptions.get(id));
    }

    @DELETE
    @Path("/{id}/digest-subscription")
    @Operation(operationId = "unsubscribeFromDigest", summary = "End a member's digest",
            description = "No more digests for the member; what was sent stays in the record. For helpdesk staff.")
    @APIResponse(responseCode = "204", description = "The member gets no digest")
    public void unsubscribe(@Parameter(description = "The member's id", example = "42") @PathParam("id") long id) {
        subscriptions.delete(id);
    }
}
