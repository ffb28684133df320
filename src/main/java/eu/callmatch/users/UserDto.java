package eu.callmatch.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** A user as the API shows it: never the password or its hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "User", description = "A user of the API (HTTP Basic), with its roles")
public record UserDto(
        @Schema(example = "claire") String username,
        @Schema(example = "[\"staff\"]") List<String> roles,
        @Schema(example = "2026-03-02T09:12:00Z") OffsetDateTime createdAt,
        @Schema(description = "The admin who created it; absent for the bootstrap and demo users", example = "admin")
        String createdBy,
        @Schema(description = "Where the user's digests go (the digests of the members they look after, their saved "
                + "searches' hits); absent: their username when it is an address, else "
                + "<username>@<callmatch.digest.staff-mail-domain>", example = "claire@helpdesk.example.org")
        String email) {

    public static UserDto of(User user) {
        return new UserDto(user.username, List.copyOf(user.roles), user.createdAt, user.createdBy, user.email);
    }

    /** A user to create. */
    @Schema(name = "NewUser", description = "A user to create: a password of 12 to 72 characters, one role at least")
    public record New(
            @Schema(description = "Letters, digits, '.', '_', '-' or '@', 1 to 100", example = "claire")
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._@-]{1,100}", message = "must be 1 to 100 letters, digits, '.', '_', '-' or '@'")
            String username,
            @Schema(description = "At least 12 characters, at most 72 bytes (bcrypt reads no further)",
                    example = "correct-horse-battery-staple")
            @NotNull @Size(min = 12, message = "must be at least 12 characters") String password,
            @Schema(description = "reader, importer, staff or admin", example = "[\"staff\"]")
            @NotEmpty(message = "must name one role at least") @Size(max = 4) List<@NotBlank String> roles,
            @Schema(description = "Where the user's digests go (optional)", example = "claire@helpdesk.example.org")
            @Email(message = "must be an e-mail address") @Size(max = 300) String email) {

        @Override
        public String toString() {
            return "New[username=" + username + ", roles=" + roles + "]";
        }
    }

    /** A user's e-mail address, to set or (null) remove. */
    @Schema(name = "UserEmail", description = "Where a user's digests go; null removes the address")
    public record EmailAddress(@Schema(example = "claire@helpdesk.example.org")
                               @Email(message = "must be an e-mail address") @Size(max = 300) String email) {
    }

    /** For the OpenAPI document: a page of users. */
    @Schema(name = "UserPage")
    public record UserPage(List<UserDto> items, int page, int size, long total) {
    }
}
