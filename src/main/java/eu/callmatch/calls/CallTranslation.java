package eu.callmatch.calls;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A call's text in another language than its main one, as the source published it. */
@Schema(name = "CallTranslation", description = "The call's title and description in another language")
public record CallTranslation(
        @Schema(description = "ISO 639-1 code, lower case", example = "fr") String language,
        @Schema(example = "Appui au ministère de l'Administration publique") String title,
        @Schema(example = "Le projet vise à ...") String description) {
}
