package eu.callmatch.matching.service;

import eu.callmatch.calls.CallKind;
import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.CallOutline;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.common.config.Today;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.text.Countries;
import eu.callmatch.common.text.Languages;
import eu.callmatch.common.text.ProfileLanguage;
import eu.callmatch.matching.CallMatchDto;
import eu.callmatch.matching.CallMatchDto.CallSummary;
import eu.callmatch.matching.MatchProfileDto;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.members.MemberDto;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.organisations.service.OrganisationService;
import eu.callmatch.search.matching.CallMatch;
import eu.callmatch.search.matching.CallMatchQuery;
import eu.callmatch.search.matching.CallMatcher;
import eu.callmatch.search.matching.MemberRecord;
import eu.callmatch.search.matching.TextEmbedder;
import eu.callmatch.search.service.SearchIndexes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Calls for a profile: eligible ones only unless asked, best first, each with its reasons. */
@ApplicationScoped
public class CallMatchService {

    /** The filters a request adds to the profile. */
    public record Filters(List<CallStatus> statuses, List<String> programmes, List<String> actionTypes,
                          LocalDate deadlineAfter, int limit, boolean includeIneligible) {
    }

    /** How many calls are ranked before the page is cut: enough for the semantic and lexical lists to meet. */
    public static final int CANDIDATES = 200;
    /** A profile's sentences matched one by one, at most: a profile listing past projects has a few. */
    public static final int MAX_PARTS = 8;
    /** An ineligible call shown on request keeps this share of its score, so eligible calls stay first. */
    static final double INELIGIBLE_FACTOR = 0.5;
    /** With feedback, this many calls more are ranked, so that calls like the kept ones can climb into the page. */
    static final int FEEDBACK_EXTRA = 50;
    private static final Map<String, String> FIELD_NAMES = Map.of("title", "title", "keywords", "keywords",
            "destination", "destination", "description", "description");

    private final CallMatcher matcher;
    private final CallService calls;
    private final MemberService members;
    private final Today today;
    private final MatchingConfig config;
    private final SearchIndexes indexes;
    private final Instance<MatchFeedback.Source> feedback;
    private final OrganisationService organisations;
    private final Languages languages;
    private final TextEmbedder embedder;

    CallMatchService(CallMatcher matcher, CallService calls, MemberService members, Today today,
                     MatchingConfig config, SearchIndexes indexes, Instance<MatchFeedback.Source> feedback,
                     TextEmbedder embedder, OrganisationService organisations, Languages languages) {
        this.embedder = embedder;
        this.languages = languages;
        this.organisations = organisations;
        this.feedback = feedback;
        this.matcher = matcher;
        this.calls = calls;
        this.members = members;
        this.today = today;
        this.config = config;
        this.indexes = indexes;
    }

    public CallMatchDto.Page forMember(long memberId, Filters filters) {
        return forMember(memberId, filters, true);
    }

    /**
     * A ranking never waits for calls' vectors still being computed (after an import or a start): it ranks what it
     * has and says how many are pending ({@code pendingVectors}).
     *
     * @param withFeedback whether the helpdesk's decisions on the member's calls move the ranking
     */
    public CallMatchDto.Page forMember(long memberId, Filters filters, boolean withFeedback) {
        MemberDto m = members.get(memberId);
        MatchFeedback judged = withFeedback && feedback.isResolvable() ? feedback.get().forMember(memberId)
                : MatchFeedback.NONE;
        // the member's language as its record has it: given, or detected when it was stored
        ProfileLanguage language = new ProfileLanguage(m.language(), m.languageSource());
        return match(new MatchProfileDto(m.description(), m.keywords(), m.country(), m.organisationType(),
                m.organisationType() == OrganisationType.SME, m.programmes(), m.pic(), null), language, filters, judged);
    }

    public CallMatchDto.Page match(MatchProfileDto profile, Filters filters) {
        return match(profile, null, filters, MatchFeedback.NONE);
    }

    /** Embeds a member's profile ahead of its next ranking (nothing to do when it is embedded already). */
    public void embedProfile(long memberId) {
        MemberDto m = members.get(memberId);
        if (!isBlank(m.description()) || (m.keywords() != null && !m.keywords().isEmpty())) {
            embedder.embedProfile(profileText(m.description(), m.keywords()), m.description(), MAX_PARTS);
        }
    }

    /** The text a profile is embedded and searched by: its description, then its keywords. */
    public static String profileText(String description, List<String> keywords) {
        return Stream.of(description, keywords == null ? null : String.join(". ", keywords))
                .filter(s -> !isBlank(s)).collect(Collectors.joining(". "));
    }

    /** @param known the profile's language when a stored member's record has it; null: as given or detected here */
    private CallMatchDto.Page match(MatchProfileDto profile, ProfileLanguage known, Filters filters,
                                    MatchFeedback judged) {
        if (profile == null || (isBlank(profile.description()) && (profile.keywords() == null
                || profile.keywords().stream().allMatch(CallMatchService::isBlank)))) {
            throw ProblemException.invalid("body", "description",
                    "a profile needs a description or keywords to match calls against");
        }
        String country = profile.country() == null ? null : Countries.normalise(profile.country());
        boolean countryEligible = country == null || config.eligibleCountries().contains(country);
        if (!countryEligible && !filters.includeIneligible()) {
            return CallMatchDto.Page.empty(language(profile, known), indexes.pendingVectors());
        }
        String text = profileText(profile.description(), profile.keywords());
        // the model reads the profile (about 8 ms, on the other core) while its language is told and the matcher
        // searches its words
        java.util.concurrent.CompletableFuture<TextEmbedder.Vectors> embedding =
                embedder.embedProfileLater(text, profile.description(), MAX_PARTS);
        ProfileLanguage language = language(profile, known);
        indexes.awaitReady(java.time.Duration.ofSeconds(10));
        LocalDate now = today.date();
        List<String> profileProgrammes = profile.programmes() == null ? List.of() : profile.programmes();
        boolean applicableOnly = filters.statuses().isEmpty();
        List<String> statuses = applicableOnly
                ? (filters.includeIneligible() ? List.of() : List.of("OPEN", "FORTHCOMING"))
                : filters.statuses().stream().map(Enum::name).toList();
        LocalDate deadlineAfter = filters.deadlineAfter();
        if (applicableOnly && !filters.includeIneligible()) {
            deadlineAfter = deadlineAfter == null || deadlineAfter.isBefore(now) ? now : deadlineAfter;
        }
        List<String> programmes = filters.programmes().isEmpty() && !filters.includeIneligible()
                ? profileProgrammes : filters.programmes();

        int ranked = (filters.includeIneligible() ? filters.limit() * 2 : filters.limit())
                + (judged.isEmpty() ? 0 : FEEDBACK_EXTRA);
        CallMatcher.Result result = matcher.match(new CallMatchQuery(profile.description(), profile.keywords(), null,
                List.of(), statuses, programmes, filters.actionTypes(), deadlineAfter, Math.max(CANDIDATES, ranked),
                record(profile.pic()), language.code()), embedding, ranked);
        float[] vector = embedding.join().text();
        boolean sme = Boolean.TRUE.equals(profile.sme()) || profile.organisationType() == OrganisationType.SME;
        Map<String, CallOutline> byId = calls.outlines(result.matches().stream().map(CallMatch::identifier).toList(),
                sme);
        List<CallMatchDto> items = new ArrayList<>();
        for (CallMatch match : result.matches()) {
            CallOutline call = byId.get(match.identifier());
            if (call == null) {
                continue; // deleted since the index saw it
            }
            List<String> reasons = new ArrayList<>(termReasons(match));
            if (!Double.isNaN(match.semantic()) && match.semantic() >= 0.45) {
                reasons.add(String.format(Locale.ROOT, "close in meaning to the profile (similarity %.2f)",
                        match.semantic()));
            } else if (Double.isNaN(match.semantic()) && vector != null && indexes.vectorPending(match.identifier())) {
                reasons.add("not compared in meaning yet: the call's semantic vector is still being computed");
            }
            if (match.area() != null) {
                reasons.add("in the work-programme area of the profile's best matches (" + match.area() + ")");
            }
            reasons.addAll(recordReasons(match.record()));
            List<String> ineligible = new ArrayList<>();
            if (!countryEligible) {
                ineligible.add("not eligible: " + country + " is neither an EU member state nor an associated country");
            }
            if (applicableOnly && !applicable(call, now)) {
                ineligible.add("not eligible: the call is closed" + lastDeadline(call).map(d -> " (deadline " + d + ")").orElse(""));
            }
            if (!profileProgrammes.isEmpty() && call.programme() != null && !profileProgrammes.contains(call.programme())
                    && filters.programmes().isEmpty()) {
                ineligible.add("not eligible: " + call.programme() + " is outside the profile's programmes");
            }
            reasons.addAll(eligibilityNotes(call, sme, country, now));
            reasons.addAll(ineligible);
            double score = ineligible.isEmpty() ? match.score() : match.score() * INELIGIBLE_FACTOR;
            items.add(new CallMatchDto(summary(call), Math.round(score * 10_000) / 10_000.0, reasons));
        }
        if (!judged.isEmpty()) {
            items = FeedbackRanking.apply(items, judged, vectors(items, judged));
        }
        items.sort(Comparator.comparingDouble(CallMatchDto::score).reversed());
        return new CallMatchDto.Page(items.subList(0, Math.min(filters.limit(), items.size())), result.total(),
                indexes.pendingVectors(), language.code(), language.source());
    }

    /** The profile's language: {@code known} (a member's), else the one it gives, else the one its text is in. */
    private ProfileLanguage language(MatchProfileDto profile, ProfileLanguage known) {
        return known != null ? known : languages.of(profile.language(), profile.description(), profile.keywords());
    }

    private Map<String, float[]> vectors(List<CallMatchDto> items, MatchFeedback judged) {
        Map<String, float[]> vectors = new HashMap<>();
        Stream.concat(items.stream().map(i -> i.call().identifier()),
                        judged.judged().stream().limit(FeedbackRanking.MAX_JUDGED).map(MatchFeedback.Judged::identifier))
                .distinct().forEach(id -> {
                    float[] v = matcher.vector(id);
                    if (v != null) {
                        vectors.put(id, v);
                    }
                });
        return vectors;
    }

    /** The member's own EU record from the partner pool, or null where the PIC is unknown there. */
    private MemberRecord record(String pic) {
        if (isBlank(pic)) {
            return null;
        }
        OrganisationService.EuRecord found = organisations.record(pic.strip());
        MemberRecord record = new MemberRecord(
                found.own().stream().map(p -> new MemberRecord.Participation(p.topic(), p.project())).toList(),
                found.partners().stream().map(p -> new MemberRecord.Participation(p.topic(), p.project())).toList());
        return record.isEmpty() ? null : record;
    }

    /** What the member's record says of the call, in the helpdesk's words. */
    static List<String> recordReasons(CallMatch.RecordEvidence evidence) {
        List<String> reasons = new ArrayList<>();
        if (evidence == null) {
            return reasons;
        }
        if (evidence.sameTopic()) {
            reasons.add("the organisation took part in this very topic (" + evidence.ownProject() + ")");
        } else if (evidence.ownArea() != null) {
            reasons.add("in the work-programme area of the organisation's project " + evidence.ownProject() + " ("
                    + evidence.ownArea() + ")");
        }
        if (evidence.partnersArea() != null) {
            reasons.add("the organisation's partners in " + evidence.partnersProject() + " took part in "
                    + evidence.partnerTopics() + (evidence.partnerTopics() == 1 ? " project" : " projects")
                    + " of " + evidence.partnersArea() + " topics");
        }
        return reasons;
    }

    /**
     * The profile's terms found in each field; a term that came from a dictionary as the member's words beside the
     * translation it is part of ("'éolien en mer' ~ 'offshore wind'"), once for all the translation's terms.
     */
    static List<String> termReasons(CallMatch match) {
        List<String> reasons = new ArrayList<>();
        match.matchedTerms().forEach((field, terms) -> {
            if (!terms.isEmpty()) {
                reasons.add("profile terms in the " + FIELD_NAMES.getOrDefault(field, field) + ": "
                        + terms.stream().limit(8).map(t -> {
                            CallMatch.Translation pair = match.translations().get(t);
                            return pair == null ? "'" + t + "'"
                                    : "'" + pair.memberWords() + "' ~ '" + pair.callWords() + "'";
                        }).distinct().collect(Collectors.joining(", ")));
            }
        });
        return reasons;
    }

    private List<String> eligibilityNotes(CallOutline call, boolean sme, String country, LocalDate now) {
        List<String> notes = new ArrayList<>();
        String cascade = cascadeFunding(call);
        if (cascade != null) {
            notes.add(cascade);
        }
        if (sme) {
            notes.add(call.mentionsSmes() ? "open to SMEs, and the call mentions SMEs" : "open to SMEs");
        }
        if (country != null && config.eligibleCountries().contains(country)) {
            notes.add(config.memberStates().contains(country) ? "open to organisations in " + country + " (EU member state)"
                    : "open to organisations in " + country + " (associated country)");
        }
        List<LocalDate> deadlines = call.deadlines() == null ? List.of()
                : call.deadlines().stream().filter(Objects::nonNull).sorted().toList();
        if (deadlines.size() >= 2 && "two-stage".equalsIgnoreCase(Objects.toString(call.deadlineModel(), ""))) {
            notes.add("two-stage: first deadline " + deadlines.get(0) + ", second " + deadlines.get(1));
        }
        deadlines.stream().filter(d -> !d.isBefore(now)).findFirst().ifPresentOrElse(d -> {
            long days = ChronoUnit.DAYS.between(now, d);
            notes.add(days == 0 ? "deadline today" : "deadline in " + days + (days == 1 ? " day" : " days") + " (" + d + ")");
        }, () -> {
            if (deadlines.isEmpty()) {
                notes.add("no deadline set yet");
            }
        });
        return notes;
    }

    /**
     * What sets a cascade-funding call apart: not a consortium's proposal to the Commission but an application to the
     * EU-funded project (the portal gives its name as the title) that runs it; null for any other call.
     */
    static String cascadeFunding(CallOutline call) {
        if (call.kind() != CallKind.CASCADE_FUNDING) {
            return null;
        }
        StringBuilder note = new StringBuilder("cascade funding by ").append(call.title());
        if (call.parentTopic() != null) {
            note.append(" (funded under ").append(call.parentTopic()).append(')');
        }
        note.append(": apply to the project, not to the Commission");
        if (call.budgetMax() != null) {
            note.append(String.format(Locale.ROOT, "; EUR %,.0f in all", call.budgetMax()));
        }
        return note.toString();
    }

    private static boolean applicable(CallOutline call, LocalDate now) {
        return call.status() != CallStatus.CLOSED && lastDeadline(call).map(d -> !d.isBefore(now)).orElse(true);
    }

    private static java.util.Optional<LocalDate> lastDeadline(CallOutline call) {
        return call.deadlines() == null ? java.util.Optional.empty()
                : call.deadlines().stream().filter(Objects::nonNull).max(Comparator.naturalOrder());
    }

    static CallSummary summary(CallOutline c) {
        return new CallSummary(c.identifier(), c.title(), c.programme(), c.actionType(), c.status(), c.deadlines(),
                c.budgetMin(), c.budgetMax(), c.url());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
