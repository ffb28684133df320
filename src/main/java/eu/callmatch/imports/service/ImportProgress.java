package eu.callmatch.imports.service;

import eu.callmatch.common.changes.Outcome;
import eu.callmatch.imports.ImportRun;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a running import has done so far: counts by outcome and the first rejected records. */
public final class ImportProgress {

    /** How many rejected records a run keeps with their reasons; the total is always counted. */
    public static final int MAX_ERRORS = 200;

    int created;
    int updated;
    int unchanged;
    int stale;
    int rejected;
    int errorTotal;
    final List<ImportRun.RecordError> errors = new ArrayList<>();
    final Map<String, Map<String, Integer>> details = new LinkedHashMap<>();

    public synchronized void count(Outcome outcome) {
        switch (outcome) {
            case CREATED -> created++;
            case UPDATED -> updated++;
            case UNCHANGED -> unchanged++;
            case STALE -> stale++;
        }
    }

    /** Counts a secondary record, e.g. a CORDIS project, under {@code details}. */
    public synchronized void countDetail(String what, Outcome outcome) {
        details.computeIfAbsent(what, k -> new LinkedHashMap<>())
                .merge(outcome.name().toLowerCase(), 1, Integer::sum);
    }

    /** Adds {@code n} to a named count under {@code details}, e.g. ("calls", "leftSource", 3). */
    public synchronized void addDetail(String what, String key, int n) {
        details.computeIfAbsent(what, k -> new LinkedHashMap<>()).merge(key, n, Integer::sum);
    }

    public synchronized void reject(Long line, String record, String reason) {
        rejected++;
        error(line, record, reason);
    }

    /** A problem that is not one record's rejection (e.g. a row of a side file that could not be used). */
    public synchronized void error(Long line, String record, String reason) {
        errorTotal++;
        if (errors.size() < MAX_ERRORS) {
            String shortRecord = record == null || record.length() <= 200 ? record : record.substring(0, 200) + "...";
            errors.add(new ImportRun.RecordError(line, storable(shortRecord), storable(reason)));
        }
    }

    /**
     * A text as the run's report can hold it: a NUL character (which PostgreSQL cannot store, and which a hostile
     * record may carry into its own rejection) written as {@code \u0000}. Else the report of the run would fail to be
     * written and the run would stay RUNNING.
     */
    static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "\\u0000");
    }

    synchronized void copyTo(ImportRun run) {
        run.created = created;
        run.updated = updated;
        run.unchanged = unchanged;
        run.stale = stale;
        run.rejected = rejected;
        run.errorTotal = errorTotal;
        // in line order: records are checked on one thread and written on another, whose rejections come later
        run.errors = new ArrayList<>(errors);
        run.errors.sort(java.util.Comparator.comparing(ImportRun.RecordError::line,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        run.details = new LinkedHashMap<>();
        details.forEach((what, counts) -> run.details.put(what, new LinkedHashMap<>(counts)));
    }
}
