package eu.callmatch.members;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

/** Everything the service holds on a member, for a data-subject request. */
@Schema(name = "MemberExport", description = "Everything held on a member: its record, contact person included, and its audit trail")
public record MemberExportDto(MemberDto member, List<MemberAuditDto> audit,
                              @Schema(example = "2026-03-02T09:12:00Z") OffsetDateTime exportedAt) {
}
