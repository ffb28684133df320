package eu.callmatch.savedsearches.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.callmatch.savedsearches.HitStatus;
import eu.callmatch.savedsearches.SavedSearch;
import eu.callmatch.savedsearches.service.SavedSearches;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A saved search as the API shows it and takes it: a name and the filters of GET /calls. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "SavedSearch", description = "A staff user's named call search: the filters of GET /api/v1/calls, "
        + "checked after every calls import")
public record SavedSearchDto(@Schema(readOnly = true, example = "5") Long id,
                             @Schema(description = "Unique among the owner's searches", example = "Offshore wind, open")
                             @NotBlank(message = "a name is required") @Size(max = 200) String name,
                             @Schema(readOnly = true, description = "The staff user it belongs to", example = "alice")
                             String owner,
                             @Schema(description = "Free text, as q of GET /calls", example = "offshore wind -hydrogen")
                             @Size(max = 1000) String q,
                             @Schema(description = "Programmes, comma-separated", example = "Horizon Europe")
                             @Size(max = 2000) String programme,
                             @Schema(description = "Statuses, comma-separated: OPEN, FORTHCOMING, CLOSED",
                                     example = "OPEN,FORTHCOMING") @Size(max = 200) String status,
                             @Schema(description = "Types of action, comma-separated", example = "HORIZON-RIA")
                             @Size(max = 2000) String actionType,
                             @Schema(description = "Horizon Europe clusters, comma-separated", example = "CL5")
                             @Size(max = 2000) String cluster,
                             @Schema(example = "2026-01-01") LocalDate deadlineFrom,
                             @Schema(example = "2026-12-31") LocalDate deadlineTo,
                             @Schema(description = "Smallest EU contribution per project at least this, EUR",
                                     example = "1000000") @PositiveOrZero Long budgetMin,
                             @Schema(description = "Whether its new hits go in the owner's daily e-mail (default true)",
                                     example = "true") Boolean digest,
                             @Schema(readOnly = true, example = "2026-11-27T09:12:00Z") OffsetDateTime createdAt) {

    static SavedSearchDto of(SavedSearch s) {
        return new SavedSearchDto(s.id, s.name, s.owner, s.q, s.programme, s.status, s.actionType, s.cluster,
                s.deadlineFrom, s.deadlineTo, s.budgetMin, s.digest, s.createdAt);
    }

    SavedSearch toEntity(String owner) {
        SavedSearch s = new SavedSearch();
        s.owner = owner;
        s.name = name.strip();
        s.q = q;
        s.programme = programme;
        s.status = status;
        s.actionType = actionType;
        s.cluster = cluster;
        s.deadlineFrom = deadlineFrom;
        s.deadlineTo = deadlineTo;
        s.budgetMin = budgetMin;
        s.digest = digest == null || digest;
        return s;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SavedSearchHit", description = "A call that an import brought into a saved search")
    public record Hit(@Schema(example = "5") long search,
                      @Schema(example = "Offshore wind, open") String searchName,
                      @Schema(example = "HORIZON-CL5-2026-D3-01-01") String callIdentifier,
                      @Schema(description = "The import that brought it", example = "118") Long importRun,
                      @Schema(example = "2026-11-27T02:04:10Z") OffsetDateTime createdAt,
                      @Schema(description = "NEW until its owner shortlists or dismisses it", example = "NEW")
                      HitStatus status,
                      @Schema(description = "Who shortlisted or dismissed it", example = "alice") String decidedBy,
                      @Schema(example = "2026-11-27T09:12:00Z") OffsetDateTime decidedAt) {

        public static Hit of(SavedSearches.Hit h) {
            return new Hit(h.searchId(), h.searchName(), h.callIdentifier(), h.importRun(), h.createdAt(), h.status(),
                    h.decidedBy(), h.decidedAt());
        }
    }

    @Schema(name = "SavedSearchHitDecision", description = "The owner's verdict on a hit")
    public record Decision(@Schema(description = "SHORTLISTED, DISMISSED, or NEW to put it back in the triage queue",
                                   example = "DISMISSED", required = true)
                           @jakarta.validation.constraints.NotNull(message = "is required") HitStatus status) {
    }

    @Schema(name = "SavedSearchPage")
    record SearchPage(List<SavedSearchDto> items, int page, int size, long total) {
    }

    @Schema(name = "SavedSearchHitPage")
    record HitPage(List<Hit> items, int page, int size, long total) {
    }
}
