package eu.callmatch.workflow.service;

import eu.callmatch.common.config.Today;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.members.MemberDto;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.workflow.AlertDto;
import eu.callmatch.workflow.CallBrief;
import eu.callmatch.workflow.DigestDto;
import eu.callmatch.workflow.MemberRef;
import eu.callmatch.workflow.PipelineItem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A member's digest: its alerts and its coming deadlines, as data, or as the text and HTML of an e-mail (Qute
 * templates {@code templates/digest/}, words from {@link DigestMessages}).
 */
@ApplicationScoped
public class DigestService {

    /** The pipeline's deadlines within this many days are in the digest. */
    static final int DEADLINE_DAYS = 30;

    private final AlertService alerts;
    private final DecisionService decisions;
    private final MemberService members;
    private final Today today;

    private final Template text;
    private final Template html;

    DigestService(AlertService alerts, DecisionService decisions, MemberService members, Today today,
                  @Location("digest/digest.txt") Template text, @Location("digest/digest.html") Template html) {
        this.alerts = alerts;
        this.decisions = decisions;
        this.members = members;
        this.today = today;
        this.text = text;
        this.html = html;
    }

    /** The member's day: the alerts raised that day. */
    public DigestDto digest(long memberId, LocalDate date) {
        LocalDate day = date == null ? today.date() : date;
        return digest(memberId, day.atStartOfDay(today.zone()).toOffsetDateTime(),
                day.plusDays(1).atStartOfDay(today.zone()).toOffsetDateTime(), day);
    }

    /** The alerts raised from {@code from} to {@code to}, in an edition dated {@code edition}. */
    public DigestDto digest(long memberId, OffsetDateTime from, OffsetDateTime to, LocalDate edition) {
        MemberDto member = members.get(memberId);
        List<PipelineItem> soon = decisions.pipeline(memberId, new PageRequest(0, PageRequest.MAX_SIZE)).items().stream()
                .filter(i -> i.call().daysToDeadline() != null && i.call().daysToDeadline() <= DEADLINE_DAYS).toList();
        return new DigestDto(new MemberRef(memberId, member.name()), edition,
                perCall(alerts.between(memberId, from, to)), soon);
    }

    /** Several imports of a day may alert the same call: one entry, with all its changes, the best score first. */
    static List<AlertDto> perCall(List<AlertDto> alerts) {
        java.util.Map<String, AlertDto> byCall = new java.util.LinkedHashMap<>();
        for (AlertDto a : alerts.stream().sorted(java.util.Comparator.comparing(AlertDto::createdAt)
                .thenComparing(AlertDto::id)).toList()) {
            byCall.merge(a.call().identifier(), a, (older, newer) -> {
                java.util.Set<eu.callmatch.calls.service.CallChange.Kind> changes = new java.util.LinkedHashSet<>(older.changes());
                changes.addAll(newer.changes());
                List<String> notes = new java.util.ArrayList<>(older.changeNotes());
                notes.addAll(newer.changeNotes());
                Double score = newer.score() != null ? newer.score() : older.score();
                return new AlertDto(newer.id(), newer.member(), newer.call(), score, List.copyOf(changes),
                        notes, newer.reasons(), newer.importRun(), newer.createdAt(), newer.status());
            });
        }
        return byCall.values().stream().sorted(java.util.Comparator.comparing(AlertDto::score,
                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))).toList();
    }

    /**
     * The digest in the member's language (en, fr, es; others get English), as the subject and the text and HTML
     * parts of an e-mail; the unsubscribe link closes both parts when there is one.
     */
    public DigestView.Rendered render(DigestDto d, String language, String unsubscribeUrl) {
        String lang = LANGUAGES.contains(language) ? language : "en";
        DigestMessages m = MessageBundles.get(DigestMessages.class, Localized.Literal.of(lang));
        List<DigestView.Alert> alertViews = d.alerts().stream().map(a -> new DigestView.Alert(a.call().identifier(),
                nz(a.call().title()), a.call().url(), news(a, m), deadline(a.call(), m),
                a.reasons().isEmpty() ? null : m.why(String.join("; ", a.reasons())))).toList();
        List<DigestView.Deadline> deadlineViews = d.deadlines().stream().map(i -> new DigestView.Deadline(
                i.call().identifier(), i.status().name(), deadline(i.call(), m), i.call().url())).toList();
        DigestView view = new DigestView(lang, m.title(d.member().name(), d.date().toString()),
                m.subject(d.member().name(), d.alerts().size(), d.deadlines().size()), m.noAlerts(),
                m.alertsHeading(d.alerts().size()), alertViews, m.deadlinesHeading(), deadlineViews,
                unsubscribeUrl == null ? null : m.footer(), m.unsubscribe(), unsubscribeUrl);
        return rendered(view);
    }

    /** A call that a staff user's saved search found, for their e-mail. */
    public record Hit(String searchName, CallBrief call) {
    }

    /**
     * A staff user's saved-search e-mail: the calls their searches found, with the search that found each; the same
     * templates as a member's digest, in English (the helpdesk's own language is the API's).
     */
    public DigestView.Rendered renderHits(List<Hit> hits, LocalDate edition) {
        DigestMessages m = MessageBundles.get(DigestMessages.class, Localized.Literal.of("en"));
        List<DigestView.Alert> views = hits.stream().map(h -> new DigestView.Alert(h.call().identifier(),
                nz(h.call().title()), h.call().url(), m.foundBy(h.searchName()), deadline(h.call(), m), null)).toList();
        return rendered(new DigestView("en", m.hitsTitle(edition.toString()), m.hitsSubject(hits.size()), "",
                m.hitsHeading(hits.size()), views, "", List.of(), m.hitsFooter(), null, null));
    }

    private DigestView.Rendered rendered(DigestView view) {
        return new DigestView.Rendered(view.subject(), text.data("d", view).render(), html.data("d", view).render());
    }

    /** The languages the digest has words for. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "es");

    /**
     * The language of a member's digest: {@code requested} where given, else the member's own (given, or detected
     * from its profile) where the digest has words for it, else English. A member that does not exist is a 404
     * either way.
     */
    public String languageFor(long memberId, String requested) {
        String own = members.get(memberId).language();
        return requested != null ? requested : LANGUAGES.contains(own) ? own : "en";
    }

    private static String news(AlertDto a, DigestMessages m) {
        String what = a.changes().stream().map(k -> switch (k) {
            case NEW_CALL -> m.newCall();
            case DEADLINE_CHANGED -> m.deadlineChanged();
            case STATUS_OPENED -> m.statusOpened();
            case BUDGET_CHANGED -> m.budgetChanged();
        }).collect(Collectors.joining(", "));
        List<String> notes = a.changeNotes().stream().filter(n -> !"new call".equals(n)).toList();
        return notes.isEmpty() ? what : what + " (" + String.join("; ", notes) + ")";
    }

    private static String deadline(CallBrief c, DigestMessages m) {
        if (c.nextDeadline() == null) {
            return m.noDeadline();
        }
        long days = c.daysToDeadline();
        String date = c.nextDeadline().toString();
        return days == 0 ? m.deadlineToday(date) : days == 1 ? m.deadlineTomorrow(date) : m.deadlineIn(date, days);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
