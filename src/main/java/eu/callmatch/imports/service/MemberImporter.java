package eu.callmatch.imports.service;

import eu.callmatch.imports.formats.InputLimits;
import eu.callmatch.imports.formats.MembersCsv;
import eu.callmatch.imports.formats.RecordSink;
import eu.callmatch.members.MemberDto;
import eu.callmatch.members.service.MemberService;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.Reader;
import java.time.OffsetDateTime;

/** Imports members (members-csv), upserted by external id, else by name and country. */
@ApplicationScoped
class MemberImporter {

    private final MemberService members;
    private final RecordValidation validation;

    private final BatchWriter writer;

    MemberImporter(MemberService members, RecordValidation validation, BatchWriter writer) {
        this.writer = writer;
        this.members = members;
        this.validation = validation;
    }

    /** @param asOf when the file was true at its source: a member stored as of later is not applied */
    void importMembers(Reader input, InputLimits limits, OffsetDateTime asOf, ImportProgress progress,
                       Runnable afterBatch) {
        Batches<MemberDto> batches = new Batches<>(writer, member -> members.upsert(member, asOf), progress, afterBatch);
        RecordSink<MemberDto> sink = new RecordSink<>() {
            @Override
            public void accept(long line, MemberDto member) {
                String key = member.externalId() != null ? member.externalId() : member.name();
                String problems = validation.problems(member);
                if (problems != null) {
                    progress.reject(line, key, problems);
                } else {
                    batches.add(line, key, member);
                }
            }

            @Override
            public void reject(long line, String record, String reason) {
                progress.reject(line, record, reason);
            }
        };
        batches.writeAllOf(() -> MembersCsv.read(input, limits, sink));
    }
}
