package eu.callmatch.calls.mapping;

import eu.callmatch.calls.Call;
import eu.callmatch.calls.CallDto;
import eu.callmatch.common.text.ContentHash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Between the {@link Call} entity and the API's {@link CallDto}. */
public final class CallMapper {

    private CallMapper() {
    }

    public static CallDto toDto(Call c) {
        return new CallDto(c.identifier, c.callIdentifier, c.title, c.callTitle, c.programme, c.cluster,
                c.destination, c.actionType, c.status, c.openingDate, List.copyOf(c.deadlines), c.deadlineModel,
                c.budgetMin, c.budgetMax, c.totalBudget, c.expectedGrants, c.description, List.copyOf(c.keywords),
                c.conditions, c.url, c.source, c.sourceUpdatedAt, c.leftSourceOn, c.createdAt, c.updatedAt, c.kind,
                c.parentTopic, List.copyOf(c.translations), c.asOf);
    }

    /** Copies the writable fields of {@code dto} into {@code call}; the status given is kept as the source's. */
    public static void apply(CallDto dto, Call call) {
        call.callIdentifier = blankToNull(dto.callIdentifier());
        call.title = dto.title().strip();
        call.callTitle = blankToNull(dto.callTitle());
        call.programme = blankToNull(dto.programme());
        call.cluster = blankToNull(dto.cluster());
        call.destination = blankToNull(dto.destination());
        call.actionType = blankToNull(dto.actionType());
        call.sourceStatus = dto.status();
        call.openingDate = dto.openingDate();
        call.deadlines = dto.deadlines() == null ? new ArrayList<>()
                : new ArrayList<>(dto.deadlines().stream().filter(Objects::nonNull).distinct().sorted().toList());
        call.deadlineModel = blankToNull(dto.deadlineModel());
        call.budgetMin = dto.budgetMin();
        call.budgetMax = dto.budgetMax();
        call.totalBudget = dto.totalBudget();
        call.expectedGrants = dto.expectedGrants();
        call.description = blankToNull(dto.description());
        call.keywords = dto.keywords() == null ? new ArrayList<>()
                : new ArrayList<>(dto.keywords().stream().map(String::strip).distinct().toList());
        call.conditions = blankToNull(dto.conditions());
        call.url = blankToNull(dto.url());
        call.source = blankToNull(dto.source());
        call.sourceUpdatedAt = dto.sourceUpdatedAt();
        call.kind = dto.kind();
        call.parentTopic = blankToNull(dto.parentTopic());
        call.translations = dto.translations() == null ? new ArrayList<>() : new ArrayList<>(dto.translations());
    }

    /** A fingerprint of what a source said about a call, to tell an unchanged record from a changed one. */
    public static String contentHash(Call c) {
        List<Object> fields = new ArrayList<>(Arrays.asList(c.callIdentifier, c.title, c.callTitle, c.programme,
                c.cluster, c.destination, c.actionType, c.sourceStatus, c.openingDate, c.deadlines, c.deadlineModel,
                plain(c.budgetMin), plain(c.budgetMax), plain(c.totalBudget), c.expectedGrants, c.description,
                c.keywords, c.conditions, c.url, c.source,
                c.sourceUpdatedAt == null ? null : c.sourceUpdatedAt.toInstant()));
        // only when set: the calls stored before kinds and translations existed keep their hash
        if (c.kind != null || c.parentTopic != null || !c.translations.isEmpty()) {
            fields.addAll(Arrays.asList(c.kind, c.parentTopic, c.translations));
        }
        return ContentHash.of(fields.toArray());
    }

    private static String plain(java.math.BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
