package eu.callmatch.imports.service;

import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.service.CallChange;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.common.changes.Outcome;
import eu.callmatch.imports.ImportFormat;
import eu.callmatch.imports.formats.CallmatchJsonl;
import eu.callmatch.imports.formats.FtCsv;
import eu.callmatch.imports.formats.InputLimits;
import eu.callmatch.imports.formats.RecordSink;
import eu.callmatch.imports.formats.SediaSearch;
import eu.callmatch.imports.formats.SediaTopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.io.Reader;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Imports calls from any of the call formats, batch by batch. */
@ApplicationScoped
class CallImporter {

    private final CallService calls;
    private final RecordValidation validation;
    private final TransactionSynchronizationRegistry transactions;
    private final BatchWriter writer;

    CallImporter(CallService calls, RecordValidation validation, TransactionSynchronizationRegistry transactions,
                 BatchWriter writer) {
        this.writer = writer;
        this.calls = calls;
        this.validation = validation;
        this.transactions = transactions;
    }

    /**
     * The request's {@code source} is recorded on every call; with {@code complete}, calls of this source missing
     * from the file are marked as having left it (closed, never deleted). Each call is as of the request's
     * {@code asOf}, else its own date at the source, else the time the file was fetched.
     *
     * @param changes receives the calls created, or changed in a way that matters, once their batch committed
     * @param written receives the identifiers of every call created or changed, once their batch committed
     */
    void importCalls(ImportService.Request request, Reader input, InputLimits limits, ImportProgress progress,
                     Runnable afterBatch, List<CallChange> changes, List<String> written) {
        ImportFormat format = request.format();
        String source = request.source();
        Set<String> listed = new HashSet<>();
        Batches<CallDto> batches = new Batches<>(writer, dto -> {
            CallService.Upsert upsert = calls.upsert(dto);
            if (upsert.outcome() == Outcome.CREATED || upsert.outcome() == Outcome.UPDATED) {
                afterCommit(CallChange.of(upsert.before(), upsert.call()), changes, written);
            }
            return upsert.outcome();
        }, calls::preload, progress, afterBatch);
        RecordSink<CallDto> sink = new RecordSink<>() {
            @Override
            public void accept(long line, CallDto call) {
                if (call.identifier() == null || call.identifier().isBlank()) {
                    progress.reject(line, call.title(), "identifier: must not be blank");
                    return;
                }
                listed.add(call.identifier());
                String problems = validation.problems(call);
                if (problems != null) {
                    progress.reject(line, call.identifier(), problems);
                } else {
                    batches.add(line, call.identifier(), call.from(source, asOf(request, call)));
                }
            }

            @Override
            public void reject(long line, String record, String reason) {
                progress.reject(line, record, reason);
            }

            @Override
            public void merged(String how) {
                progress.addDetail("merged", how, 1);
            }
        };
        batches.writeAllOf(() -> {
            switch (format) {
                case CALLMATCH_JSONL -> CallmatchJsonl.read(input, limits, sink);
                case FT_CSV -> FtCsv.read(input, limits, sink);
                case SEDIA_SEARCH -> SediaSearch.read(input, limits, sink);
                case SEDIA_TOPIC -> SediaTopic.read(input, limits, sink);
                default -> throw new IllegalArgumentException(format.id() + " does not hold calls");
            }
        });
        if (request.complete()) {
            // a rejected record was still listed: it must not be taken for a call that left the source
            OffsetDateTime asOf = request.asOf() != null ? request.asOf() : request.fetchedAt();
            progress.addDetail("calls", "leftSource", calls.markLeftSource(source, listed, asOf));
        }
    }

    /** A batch that fails is written again record by record: only what committed counts. */
    private void afterCommit(CallChange change, List<CallChange> changes, List<String> written) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    written.add(change.identifier());
                    if (!change.kinds().isEmpty()) {
                        changes.add(change);
                    }
                }
            }
        });
    }

    private static OffsetDateTime asOf(ImportService.Request request, CallDto call) {
        if (request.asOf() != null) {
            return request.asOf();
        }
        if (call.asOf() != null) {
            return call.asOf();
        }
        return call.sourceUpdatedAt() != null ? call.sourceUpdatedAt() : request.fetchedAt();
    }
}
