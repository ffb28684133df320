package eu.callmatch.users.rest;

import eu.callmatch.users.UserDto;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.security.Roles;
import eu.callmatch.users.service.UserService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Users", description = "Who may use the API with a password (HTTP Basic), and in which roles")
public class UserResource {

    private final UserService users;
    private final SecurityIdentity identity;

    UserResource(UserService users, SecurityIdentity identity) {
        this.users = users;
        this.identity = identity;
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List users", description = "Every user with its roles, by username. "
            + "Passwords are never shown (only a bcrypt hash is stored). Admin only.")
    @APIResponse(responseCode = "200", description = "One page of users",
            content = @Content(schema = @Schema(implementation = UserDto.UserPage.class)))
    public Page<UserDto> list(@Valid @BeanParam PageRequest page) {
        return users.list(page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Create a user", description = "A user with a password of at "
            + "least 12 characters and one or more roles: reader, importer, staff, admin. A username that exists "
            + "answers 409. Admin only.")
    @RequestBody(content = @Content(schema = @Schema(implementation = UserDto.New.class), examples = @ExampleObject(
            name = "staff", value = "{\"username\": \"claire\", \"password\": \"correct-horse-battery-staple\", \"roles\": [\"staff\"]}")))
    @APIResponse(responseCode = "201", description = "The user was created",
            headers = @Header(name = "Location", description = "The new user's address",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(schema = @Schema(implementation = UserDto.class)))
    @APIResponse(responseCode = "409", description = "A user with this username exists")
    public Response create(@NotNull(message = "a user is required") @Valid UserDto.New body, UriInfo uri) {
        UserDto created = users.create(body, identity.getPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(created.username()).build()).entity(created).build();
    }

    @PUT
    @Path("/{username}/email")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.READER, Roles.IMPORTER, Roles.STAFF, Roles.ADMIN})
    @Operation(operationId = "setUserEmail", summary = "Set where a user's digests go",
            description = "The address the user's e-mail digests go to: those of the members assigned to them and "
                    + "their saved searches' hits. null removes it (the digests then go to the username when it is an "
                    + "address, else to <username>@<callmatch.digest.staff-mail-domain>). An admin sets anyone's; "
                    + "every other user only their own (403).")
    @RequestBody(content = @Content(schema = @Schema(implementation = UserDto.EmailAddress.class),
            examples = @ExampleObject(name = "email", value = "{\"email\": \"claire@helpdesk.example.org\"}")))
    @APIResponse(responseCode = "200", description = "The user, with the address",
            content = @Content(schema = @Schema(implementation = UserDto.class), examples = @ExampleObject(
                    name = "user", value = "{\"username\": \"claire\", \"roles\": [\"staff\"], \"createdAt\": "
                    + "\"2026-03-02T09:12:00Z\", \"createdBy\": \"admin\", \"email\": \"claire@helpdesk.example.org\"}")))
    @APIResponse(responseCode = "403", description = "Another user's address, and not an admin")
    public UserDto setEmail(@Parameter(description = "The username", example = "claire") @PathParam("username") String username,
                            @NotNull(message = "a body with the address (or null) is required") @Valid UserDto.EmailAddress body) {
        if (!identity.hasRole(Roles.ADMIN) && !identity.getPrincipal().getName().equals(username)) {
            throw new ProblemException(403, "Only an admin sets another user's address");
        }
        return users.email(username, body.email());
    }

    @DELETE
    @Path("/{username}")
    @Operation(operationId = "deleteUser", summary = "Delete a user", description = "The user can no longer log in "
            + "(other replicas may accept a password they verified within callmatch.security.credential-cache-time). "
            + "The last admin cannot be deleted (409). Admin only.")
    @APIResponse(responseCode = "204", description = "The user was deleted")
    @APIResponse(responseCode = "409", description = "The user is the last admin")
    public void delete(@Parameter(description = "The username", example = "claire") @PathParam("username") String username) {
        users.delete(username);
    }
}
