package eu.callmatch.digests.rest;

import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.security.Roles;
import eu.callmatch.digests.service.DigestSubscriptions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The record of the digests sent: what went to whom, when. */
@RolesAllowed({Roles.STAFF, Roles.ADMIN})
@Path("/api/v1/digest-deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Outputs")
public class DigestDeliveryResource {

    private final DigestSubscriptions subscriptions;

    DigestDeliveryResource(DigestSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GET
    @Operation(operationId = "listDigestDeliveries", summary = "What digests were sent to whom",
            description = "Every digest the service sent or tried to send, newest first: the member's (or, for a "
                    + "saved-search digest, the staff user's), edition, recipient, how many calls and deadlines it "
                    + "held, when the mail server took it or why it failed. For helpdesk staff.")
    @APIResponse(responseCode = "200", description = "One page of the record",
            content = @Content(schema = @Schema(implementation = DigestSubscriptionDto.DeliveryPage.class),
                    examples = @ExampleObject(name = "deliveries", value = """
                            {"items": [{"id": 311, "member": 42, "edition": "2026-11-30", "recipientKind": "CONTACT",
                              "recipient": "claire.martin@example.com", "alerts": 3, "deadlines": 1,
                              "createdAt": "2026-11-30T06:00:00Z", "sentAt": "2026-11-30T06:00:01Z"}],
                             "page": 0, "size": 20, "total": 1}""")))
    public Page<DigestSubscriptionDto.Delivery> deliveries(
            @Parameter(description = "Only this member's", example = "42")
            @QueryParam("member") @Positive(message = "must be a member's id") Long member,
            @Parameter(description = "Only this staff user's saved-search digests", example = "alice")
            @QueryParam("owner") @Size(max = 200, message = "must be at most 200 characters") String owner,
            @Valid @BeanParam PageRequest page) {
        return subscriptions.deliveries(member, owner == null || owner.isBlank() ? null : owner.strip(), page)
                .map(DigestSubscriptionDto.Delivery::of);
    }
}
