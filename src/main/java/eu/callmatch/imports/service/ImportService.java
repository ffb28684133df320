package eu.callmatch.imports.service;

import eu.callmatch.calls.service.CallsImported;
import eu.callmatch.common.concurrent.DaemonThreads;
import eu.callmatch.calls.service.CallChange;
import eu.callmatch.common.changes.BulkWrites;
import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.imports.ImportFormat;
import eu.callmatch.imports.formats.FormatException;
import eu.callmatch.imports.formats.InputLimits;
import eu.callmatch.imports.formats.InputTooLarge;
import eu.callmatch.imports.ImportRunDto;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs imports: one at a time on a replica (so that two files never race on the same records), each as an
 * {@link eu.callmatch.imports.ImportRun} whose batches commit on their own.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    /**
     * What a caller asks for. {@code file} is spooled: the service deletes it when the run ends. {@code asOf}: when
     * the file's data was true at its source, as the caller says (null: the records' own source dates where they
     * carry one, else {@code fetchedAt}); {@code fetchedAt}: when the file was fetched or received.
     */
    public record Request(ImportFormat format, Path file, String source, boolean complete, OffsetDateTime asOf,
                          OffsetDateTime fetchedAt) {

        /** A file received now, as of now. */
        public Request(ImportFormat format, Path file, String source, boolean complete) {
            this(format, file, source, complete, null, OffsetDateTime.now(ZoneOffset.UTC));
        }
    }

    /** The file was not of the declared format at all: the run is recorded as FAILED, the client gets a 400. */
    public static class NotOfFormat extends ProblemException {
        public NotOfFormat(ImportRunDto run, FormatException e) {
            super(400, "The file is not valid " + run.format() + " at " + e.getMessage() + " (import run " + run.id()
                    + "; records before that point were imported)");
        }
    }

    /** The file was larger than the service reads (an archive beyond its inflated caps): FAILED, and a 413. */
    public static class TooLarge extends ProblemException {
        public TooLarge(ImportRunDto run, InputTooLarge e) {
            super(413, e.getMessage() + " (import run " + run.id() + "; nothing of it was imported)");
        }
    }

    private final ImportRunService runs;
    private final CallImporter callImporter;
    private final CordisImporter cordisImporter;
    private final MemberImporter memberImporter;
    private final Spool spool;
    private final InputLimits limits;
    private final BulkWrites bulkWrites;
    private final Event<CallsImported> callsImported;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            DaemonThreads.named("callmatch-import"));

    ImportService(ImportRunService runs, CallImporter callImporter, CordisImporter cordisImporter,
                  MemberImporter memberImporter, CallmatchConfig config, Spool spool, BulkWrites bulkWrites,
                  Event<CallsImported> callsImported) {
        this.bulkWrites = bulkWrites;
        this.runs = runs;
        this.callsImported = callsImported;
        this.callImporter = callImporter;
        this.cordisImporter = cordisImporter;
        this.memberImporter = memberImporter;
        this.spool = spool;
        CallmatchConfig.Import imports = config.imports();
        this.limits = new InputLimits(imports.maxLineLength(), imports.maxFieldLength(), imports.maxRecordLength(),
                imports.maxInflatedEntrySize().asLongValue(), imports.maxInflatedSize().asLongValue());
    }

    /** Copies an upload to a file of its own, so that it can be read after the request ends, and more than once. */
    public Path spool(InputStream body, long maxBytes) throws IOException {
        Path file = spool.newFile("import-", "");
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = body; var out = Files.newOutputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > maxBytes) {
                    throw new ProblemException(413, "The file is larger than the import limit of " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return file;
    }

    /** Runs the import and answers when it has finished. */
    public ImportRunDto run(Request request) {
        long id = startRun(request);
        Future<ImportRunDto> done = executor.submit(() -> execute(id, request));
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for import run " + id, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Starts the import and answers at once with the RUNNING run. */
    public ImportRunDto start(Request request) {
        long id = startRun(request);
        executor.submit(() -> {
            try {
                return execute(id, request);
            } catch (NotOfFormat | TooLarge e) {
                return null; // recorded in the run
            }
        });
        return runs.get(id);
    }

    private long startRun(Request request) {
        try {
            return runs.start(request.format(), request.source(), request.file(),
                    request.asOf() != null ? request.asOf() : request.fetchedAt());
        } catch (RuntimeException e) {
            spool.remove(request.file().toString()); // no run will read it
            throw e;
        }
    }

    private ImportRunDto execute(long id, Request request) {
        ImportProgress progress = new ImportProgress();
        Runnable heartbeat = () -> runs.heartbeat(id, progress);
        List<CallChange> changes = Collections.synchronizedList(new ArrayList<>());
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        try {
            // the run ends once its changes are searchable (closing the bulk write makes them so), not before
            try (BulkWrites.Running bulk = bulkWrites.begin()) {
                switch (request.format().kind()) {
                    case CALLS -> {
                        try (Reader reader = reader(request.file(), progress)) {
                            callImporter.importCalls(request, reader, limits, progress, heartbeat, changes, written);
                        }
                    }
                    case MEMBERS -> {
                        try (Reader reader = reader(request.file(), progress)) {
                            memberImporter.importMembers(reader, limits,
                                    request.asOf() != null ? request.asOf() : request.fetchedAt(), progress, heartbeat);
                        }
                    }
                    case ORGANISATIONS -> cordisImporter.importBundle(request.file(), isZip(request.file()), limits,
                            request.asOf() != null ? request.asOf() : request.fetchedAt(), progress, heartbeat);
                }
            }
            return runs.finish(id, progress, null);
        } catch (FormatException e) {
            throw new NotOfFormat(runs.finish(id, progress, e.getMessage()), e);
        } catch (InputTooLarge e) {
            throw new TooLarge(runs.finish(id, progress, e.getMessage()), e);
        } catch (Exception e) {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(e, "Import run %d failed (error id %s)", id, errorId);
            runs.finish(id, progress, "failed unexpectedly (error id " + errorId + "); the batches committed "
                    + "before the failure are kept");
            throw new ProblemException(500, "Import run " + id + " failed unexpectedly (error id " + errorId
                    + "); it has been logged");
        } finally {
            announce(id, changes, written);
            spool.remove(request.file().toString());
        }
    }

    /** Even a failed run's committed batches changed calls: the alerts look at them. */
    private void announce(long id, List<CallChange> changes, List<String> written) {
        if (written.isEmpty()) {
            return;
        }
        try {
            callsImported.fire(new CallsImported(id, List.copyOf(changes), List.copyOf(written)));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Import run %d: the observers of its %d changed calls failed", id, changes.size());
        }
    }

    private static Reader reader(Path file, ImportProgress progress) throws IOException {
        // lenient decoding: a garbled character in one description must not fail a whole file, but it is reported
        return new BufferedReader(ReplacedCharacters.of(Files.newInputStream(file), progress), 64 * 1024);
    }

    private static boolean isZip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("An import was still running at shutdown; it will be closed as interrupted at the next start, "
                    + "or by another replica within a minute");
            executor.shutdownNow();
        }
    }
}
