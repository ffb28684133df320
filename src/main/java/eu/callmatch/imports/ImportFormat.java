package eu.callmatch.imports;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The file formats the service imports, each with what it yields and the media types it arrives as. */
public enum ImportFormat {
    CALLMATCH_JSONL("callmatch-jsonl", Kind.CALLS, "application/x-ndjson", "application/jsonl", "application/json"),
    FT_CSV("ft-csv", Kind.CALLS, "text/csv"),
    SEDIA_SEARCH("sedia-search", Kind.CALLS, "application/json"),
    SEDIA_TOPIC("sedia-topic", Kind.CALLS, "application/json"),
    CORDIS("cordis", Kind.ORGANISATIONS, "application/zip", "application/x-zip-compressed", "text/csv"),
    MEMBERS_CSV("members-csv", Kind.MEMBERS, "text/csv");

    /** What an import writes. */
    public enum Kind { CALLS, ORGANISATIONS, MEMBERS }

    private final String id;
    private final Kind kind;
    private final List<String> mediaTypes;

    ImportFormat(String id, Kind kind, String... mediaTypes) {
        this.id = id;
        this.kind = kind;
        this.mediaTypes = List.of(mediaTypes);
    }

    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** Besides these, application/octet-stream and text/plain are always accepted: files come as they come. */
    public List<String> mediaTypes() {
        return mediaTypes;
    }

    public static Optional<ImportFormat> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equalsIgnoreCase(id == null ? "" : id.strip())).findFirst();
    }
}
