package eu.callmatch.imports;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One run of an import, manual or scheduled, with what it did and the records it rejected. */
@Entity
@Table(name = "import_run")
public class ImportRun {

    public enum Status { RUNNING, SUCCEEDED, PARTIAL, FAILED }

    /** A rejected record: where it was, which record, and why. */
    public record RecordError(Long line, String record, String reason) {
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String kind;
    public String format;
    public String source;
    @Enumerated(EnumType.STRING)
    public Status status;
    public OffsetDateTime startedAt;
    public OffsetDateTime finishedAt;
    /** When the file's data was true at its source: the records of the run are as of then, unless they say otherwise. */
    public OffsetDateTime asOf;
    public int created;
    public int updated;
    public int unchanged;
    /** Records older (by their as-of time) than the ones stored: not applied. */
    public int stale;
    public int rejected;
    public int errorTotal;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public List<RecordError> errors = new ArrayList<>();
    public String message;
    /**
     * Counts beyond the main records, e.g. {"projects": {"created": 12}, "participations": {...}}, and what followed
     * the run, e.g. {"vectors": {"calls": 40, "doneAt": "2026-12-03T22:15:04Z"}}.
     */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Map<String, Object>> details = new LinkedHashMap<>();
    public OffsetDateTime heartbeatAt;
    /** The process that runs it (host, pid and a random part), which beats {@link #heartbeatAt} while it lives. */
    public String owner;
    /** The file it reads, under the data directory's spool/ of its owner's host, removed when the run ends. */
    public String spoolFile;
}
