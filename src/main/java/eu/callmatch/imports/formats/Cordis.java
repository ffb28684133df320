package eu.callmatch.imports.formats;

import eu.callmatch.organisations.CordisOrganisation;
import eu.callmatch.organisations.CordisParticipation;
import eu.callmatch.organisations.CordisProject;
import eu.callmatch.common.text.Countries;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@code cordis}: a CORDIS projects bundle (a zip of {@code ;}-separated CSVs with CORDIS headers:
 * {@code organization.csv}, {@code project.csv}, {@code topics.csv}, {@code euroSciVoc.csv}) or one of those files
 * alone.
 *
 * <p>organization.csv has one row per participation, so an organisation appears many times; it is read twice
 * (the zip is random access): once to collect organisations by PIC (the last row's values win) and project
 * acronyms, once to stream participations. Projects (a few ten thousand) are held in memory to join the files.
 */
public final class Cordis {

    public static final String FORMAT = "cordis";
    public static final String ORGANISATIONS = "organization.csv";
    public static final String PROJECTS = "project.csv";
    public static final String TOPICS = "topics.csv";
    public static final String SCIENCE = "euroSciVoc.csv";

    /** Required in the header; every one but country (blank in a few real rows) also in each row. */
    private static final Set<String> ORGANISATION_COLUMNS = Set.of("projectID", "organisationID", "name", "country", "role");
    private static final String OPTIONAL_VALUE = "country";
    private static final Set<String> PROJECT_COLUMNS = Set.of("id", "title");
    private static final Set<String> TOPIC_COLUMNS = Set.of("projectID", "topic");
    private static final Set<String> SCIENCE_COLUMNS = Set.of("projectID", "euroSciVocTitle");

    /** Opens one CSV of the input by name, or returns null when the input has no such file. */
    private interface CsvFiles {
        Reader open(String name) throws IOException;
    }

    private Cordis() {
    }

    /** Reads a bundle from a stream: spooled to a temporary file, because the zip is read twice. */
    public static void readBundle(InputStream zip, CordisSink sink) {
        Path spool = null;
        try {
            spool = Files.createTempFile("cordis-", ".zip");
            Files.copy(zip, spool, StandardCopyOption.REPLACE_EXISTING);
            readBundle(spool, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException ignored) {
                    // a temp file left behind is not worth failing an import for
                }
            }
        }
    }

    /** {@link #readBundle(Path, InputLimits, CordisSink)} with the default limits. */
    public static void readBundle(Path zip, CordisSink sink) {
        readBundle(zip, InputLimits.DEFAULTS, sink);
    }

    /**
     * @throws FormatException when the file is not a zip or has no organization.csv
     * @throws InputTooLarge   when a CSV of the bundle inflates beyond {@code limits.maxInflatedEntry()}, or the
     *                         CSVs together beyond {@code limits.maxInflated()}: as the sizes the zip declares say, or
     *                         (when it lies) as it is read; nothing is passed on to {@code sink} before the end, so
     *                         nothing of such a bundle is imported
     */
    public static void readBundle(Path zip, InputLimits limits, CordisSink sink) {
        try (ZipFile file = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            Map<String, ZipEntry> entries = new LinkedHashMap<>();
            file.stream().filter(e -> !e.isDirectory())
                    .forEach(e -> entries.put(Path.of(e.getName()).getFileName().toString(), e));
            if (!entries.containsKey(ORGANISATIONS)) {
                throw new FormatException(1, 1, "not a " + FORMAT + " bundle: no " + ORGANISATIONS + " in the zip (it has "
                        + entries.keySet() + ")");
            }
            Inflation inflation = new Inflation(limits);
            for (String name : List.of(ORGANISATIONS, PROJECTS, TOPICS, SCIENCE)) {
                if (entries.containsKey(name)) {
                    inflation.declared(name, entries.get(name).getSize());
                }
            }
            read(name -> entries.containsKey(name) ? new InputStreamReader(
                    inflation.counted(name, file.getInputStream(entries.get(name))), StandardCharsets.UTF_8) : null,
                    limits, sink);
        } catch (ZipException e) {
            throw new FormatException(1, 1, "not a " + FORMAT + " bundle: not a zip (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #readFile(Path, InputLimits, CordisSink)} with the default limits. */
    public static void readFile(Path csv, CordisSink sink) {
        readFile(csv, InputLimits.DEFAULTS, sink);
    }

    /** Reads one CORDIS CSV on its own, recognised by its file name (organization.csv, project.csv, ...). */
    public static void readFile(Path csv, InputLimits limits, CordisSink sink) {
        String name = csv.getFileName().toString();
        if (!Set.of(ORGANISATIONS, PROJECTS, TOPICS, SCIENCE).contains(name)) {
            throw new FormatException(1, 1, "not a " + FORMAT + " file: " + name + " is none of " + ORGANISATIONS + ", "
                    + PROJECTS + ", " + TOPICS + ", " + SCIENCE);
        }
        readAs(csv, name, limits, sink);
    }

    /**
     * Reads one CORDIS CSV on its own, whatever its file's name, told apart by its header (CORDIS names the files,
     * uploads lose the names).
     *
     * @throws FormatException when the header is none of the bundle's files' headers
     */
    public static void readLoneFile(Path csv, InputLimits limits, CordisSink sink) {
        String header;
        try (LineReader lines = new LineReader(Files.newBufferedReader(csv, StandardCharsets.UTF_8), limits.maxLine())) {
            header = lines.next();
            if (lines.truncated()) {
                throw new FormatException(1, 1, "not a CORDIS CSV file: the header is too long: "
                        + InputLimits.lineTooLong(1, limits.maxLine()));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new FormatException(1, 1, "not a CORDIS bundle (zip) nor a CORDIS CSV file: " + e.getMessage());
        }
        List<String> columns = List.of((header == null ? "" : header.replace("\"", "")).split(";"));
        String name = columns.contains("organisationID") ? ORGANISATIONS
                : columns.contains("euroSciVocTitle") ? SCIENCE
                : columns.contains("objective") || columns.contains("acronym") ? PROJECTS
                : columns.contains("topic") && columns.contains("projectID") ? TOPICS : null;
        if (name == null) {
            throw new FormatException(1, 1, "not a CORDIS bundle (zip) nor one of its CSV files (organization.csv, "
                    + "project.csv, topics.csv, euroSciVoc.csv): the header has none of their columns");
        }
        readAs(csv, name, limits, sink);
    }

    private static void readAs(Path csv, String name, InputLimits limits, CordisSink sink) {
        read(other -> other.equals(name) ? Files.newBufferedReader(csv, StandardCharsets.UTF_8) : null, limits, sink);
    }

    /**
     * What the bundle's CSVs inflate to, against the caps. organization.csv is read twice: the total counts each
     * entry once.
     */
    private static final class Inflation {
        private final InputLimits limits;
        private final Set<String> counted = new java.util.HashSet<>();
        private long declaredTotal;
        private long total;

        Inflation(InputLimits limits) {
            this.limits = limits;
        }

        void declared(String name, long size) {
            if (size > limits.maxInflatedEntry()) {
                throw entryTooLarge(name, "inflates to " + InputLimits.number(size) + " bytes");
            }
            declaredTotal += Math.max(0, size);
            if (declaredTotal > limits.maxInflated()) {
                throw archiveTooLarge("inflate to " + InputLimits.number(declaredTotal) + " bytes");
            }
        }

        InputStream counted(String name, InputStream in) {
            boolean first = counted.add(name);
            return new FilterInputStream(in) {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = super.read();
                    count(b < 0 ? 0 : 1);
                    return b;
                }

                @Override
                public int read(byte[] bytes, int offset, int length) throws IOException {
                    int n = super.read(bytes, offset, length);
                    count(Math.max(0, n));
                    return n;
                }

                private void count(int n) {
                    read += n;
                    if (read > limits.maxInflatedEntry()) {
                        throw entryTooLarge(name, "inflates to more than its declared size");
                    }
                    if (first) {
                        total += n;
                        if (total > limits.maxInflated()) {
                            throw archiveTooLarge("inflate to more than their declared sizes");
                        }
                    }
                }
            };
        }

        private InputTooLarge entryTooLarge(String name, String what) {
            return new InputTooLarge("The zip's " + name + " " + what + "; a file of the bundle may inflate to at most "
                    + InputLimits.number(limits.maxInflatedEntry()) + " bytes (callmatch.import.max-inflated-entry-size)");
        }

        private InputTooLarge archiveTooLarge(String what) {
            return new InputTooLarge("The zip's CSV files " + what + "; a bundle may inflate to at most "
                    + InputLimits.number(limits.maxInflated()) + " bytes in all (callmatch.import.max-inflated-size)");
        }
    }

    private static void read(CsvFiles files, InputLimits limits, CordisSink sink) {
        Map<String, Project> projects = new LinkedHashMap<>();
        each(files, limits, PROJECTS, PROJECT_COLUMNS, sink, row -> {
            Project project = projects.computeIfAbsent(row.get("id"), Project::new);
            project.acronym = row.get("acronym");
            project.title = row.get("title");
            project.objective = row.get("objective");
            project.topic = row.get("topics");
            project.framework = PortalValues.programme(row.get("legalBasis"));
            project.start = PortalValues.date(row.get("startDate"));
            project.end = PortalValues.date(row.get("endDate"));
        });
        each(files, limits, TOPICS, TOPIC_COLUMNS, sink, row -> {
            Project project = projects.computeIfAbsent(row.get("projectID"), Project::new);
            project.topic = row.get("topic");
            project.topicTitle = row.get("title");
        });
        each(files, limits, SCIENCE, SCIENCE_COLUMNS, sink,
                row -> projects.computeIfAbsent(row.get("projectID"), Project::new).fields.add(row.get("euroSciVocTitle")));
        Map<String, CordisOrganisation> organisations = new LinkedHashMap<>();
        each(files, limits, ORGANISATIONS, ORGANISATION_COLUMNS, sink, row -> {
            organisations.put(row.get("organisationID"), organisation(row));
            String acronym = row.get("projectAcronym");
            Project project = projects.computeIfAbsent(row.get("projectID"), Project::new);
            project.acronym = project.acronym != null ? project.acronym : acronym;
        });
        projects.values().forEach(p -> sink.project(p.toRecord()));
        organisations.values().forEach(sink::organisation);
        // Second pass: rows that failed the first pass are skipped silently, they were rejected already.
        each(files, limits, ORGANISATIONS, ORGANISATION_COLUMNS, null, row -> {
            organisation(row); // the same checks as the first pass, so no participation names a rejected row
            sink.participation(new CordisParticipation(row.get("organisationID"), row.get("projectID"), row.get("role"),
                    PortalValues.amount(row.get("ecContribution"))));
        });
    }

    private static CordisOrganisation organisation(CsvInput.Row row) {
        String country = Countries.normalise(row.get("country"));
        if (country != null && !Countries.isKnown(country)) {
            throw new IllegalArgumentException("unknown country '" + row.get("country") + "'");
        }
        PortalValues.amount(row.get("ecContribution")); // a bad amount rejects the row in the first pass
        return new CordisOrganisation(row.get("organisationID"), row.get("name"), row.get("shortName"), country,
                row.get("city"), row.get("activityType"), bool(row.get("SME")), row.get("organizationURL"));
    }

    /** {@code true}/{@code false} in organization.csv, {@code True}/{@code False} elsewhere; blank is unknown. */
    private static Boolean bool(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("SME is '" + value + "', not true/false");
        };
    }

    /** Streams one CSV of the input to {@code handler}; a row it cannot use goes to {@code sink.reject} (if given). */
    private static void each(CsvFiles files, InputLimits limits, String name, Set<String> required, CordisSink sink,
                             Consumer<CsvInput.Row> handler) {
        try (Reader reader = files.open(name)) {
            if (reader == null) {
                return;
            }
            CsvInput.read(reader, ';', required, FORMAT + " " + name, limits, (line, record, reason) -> {
                if (sink != null) {
                    sink.reject(name, line, record, reason);
                }
            }, row -> {
                String problem = !row.complete() ? "has " + row.record().size() + " fields, the header " + row.columns()
                        : required.stream().filter(c -> !c.equals(OPTIONAL_VALUE) && row.get(c) == null).sorted().findFirst().map(c -> "no " + c).orElse(null);
                if (problem == null) {
                    try {
                        handler.accept(row);
                        return;
                    } catch (DateTimeException | IllegalArgumentException e) {
                        problem = e.getMessage();
                    }
                }
                if (sink != null) {
                    sink.reject(name, row.line(), row.excerpt(), problem);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A project being assembled from the bundle's files. */
    private static final class Project {
        final String id;
        final List<String> fields = new ArrayList<>();
        String acronym, title, objective, topic, topicTitle, framework;
        LocalDate start, end;

        Project(String id) {
            this.id = id;
        }

        CordisProject toRecord() {
            String programme = framework != null ? framework : PortalValues.programme(topic);
            return new CordisProject(id, acronym, title, objective, topic, topicTitle, programme, start, end,
                    fields.isEmpty() ? List.of() : List.copyOf(fields));
        }
    }
}
