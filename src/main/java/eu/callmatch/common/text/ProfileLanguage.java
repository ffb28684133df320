package eu.callmatch.common.text;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The language a profile is written in, and whether its author said so or the service read it from the text.
 *
 * @param code an ISO 639-1 code of {@link Languages#SUPPORTED}, or null: detected as none of them (another language,
 *             or too little text to tell)
 */
public record ProfileLanguage(String code, Source source) {

    @Schema(name = "LanguageSource", description = "GIVEN: the profile says it; DETECTED: read from the text")
    public enum Source { GIVEN, DETECTED }
}
