package eu.callmatch.workflow.service;

import eu.callmatch.common.config.Today;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.members.rest.MemberDto;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.workflow.rest.AlertDto;
import eu.callmatch.workflow.rest.CallBrief;
import eu.callmatch.workflow.rest.DigestDto;
import eu.callmatch.workflow.rest.MemberRef;
import eu.callmatch.workflow.rest.PipelineItem;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A member's day: its alerts and its coming deadlines, as data, plain text or HTML to paste into an e-mail. */
@ApplicationScoped
public class DigestService {

    /** The pipeline's deadlines within this many days are in the digest. */
    static final int DEADLINE_DAYS = 30;

    private final AlertService alerts;
    private final DecisionService decisions;
    private final MemberService members;
    private final Today today;

    DigestService(AlertService alerts, DecisionService decisions, MemberService members, Today today) {
        this.alerts = alerts;
        this.decisions = decisions;
        this.members = members;
        this.today = today;
    }

    public DigestDto digest(long memberId, LocalDate date) {
        MemberDto member = members.get(memberId);
        LocalDate day = date == null ? today.date() : date;
        List<PipelineItem> soon = decisions.pipeline(memberId, new PageRequest(0, PageRequest.MAX_SIZE)).items().stream()
                .filter(i -> i.call().daysToDeadline() != null && i.call().daysToDeadline() <= DEADLINE_DAYS).toList();
        return new DigestDto(new MemberRef(memberId, member.name()), day, perCall(alerts.ofDay(memberId, day)), soon);
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

    public static String text(DigestDto d) {
        StringBuilder s = new StringBuilder();
        s.append("Funding calls for ").append(d.member().name()).append(", ").append(d.date()).append("\n\n");
        if (d.alerts().isEmpty()) {
            s.append("No new or changed calls for you today.\n");
        } else {
            s.append("New and changed calls (").append(d.alerts().size()).append(")\n");
            for (AlertDto a : d.alerts()) {
                s.append("\n- ").append(a.call().identifier()).append(": ").append(nz(a.call().title())).append('\n');
                s.append("  ").append(news(a)).append('\n');
                s.append("  ").append(deadline(a.call())).append('\n');
                if (!a.reasons().isEmpty()) {
                    s.append("  Why: ").append(String.join("; ", a.reasons())).append('\n');
                }
                if (a.call().url() != null) {
                    s.append("  ").append(a.call().url()).append('\n');
                }
            }
        }
        if (!d.deadlines().isEmpty()) {
            s.append("\nComing deadlines of calls you go on with\n");
            for (PipelineItem i : d.deadlines()) {
                s.append("\n- ").append(i.call().identifier()).append(" (").append(i.status()).append("): ")
                        .append(deadline(i.call())).append('\n');
            }
        }
        return s.toString();
    }

    public static String html(DigestDto d) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Funding calls for ")
                .append(esc(d.member().name())).append("</title></head>\n<body>\n");
        s.append("<h1>Funding calls for ").append(esc(d.member().name())).append(", ").append(d.date()).append("</h1>\n");
        if (d.alerts().isEmpty()) {
            s.append("<p>No new or changed calls for you today.</p>\n");
        } else {
            s.append("<h2>New and changed calls (").append(d.alerts().size()).append(")</h2>\n<ul>\n");
            for (AlertDto a : d.alerts()) {
                String title = esc(a.call().identifier()) + ": " + esc(nz(a.call().title()));
                s.append("<li><p><strong>").append(a.call().url() == null ? title
                        : "<a href=\"" + esc(a.call().url()) + "\">" + title + "</a>").append("</strong><br>\n");
                s.append(esc(news(a))).append("<br>\n").append(esc(deadline(a.call()))).append("</p>\n");
                if (!a.reasons().isEmpty()) {
                    s.append("<p>Why: ").append(esc(String.join("; ", a.reasons()))).append("</p>\n");
                }
                s.append("</li>\n");
            }
            s.append("</ul>\n");
        }
        if (!d.deadlines().isEmpty()) {
            s.append("<h2>Coming deadlines of calls you go on with</h2>\n<ul>\n");
            for (PipelineItem i : d.deadlines()) {
                s.append("<li>").append(esc(i.call().identifier())).append(" (").append(i.status()).append("): ")
                        .append(esc(deadline(i.call()))).append("</li>\n");
            }
            s.append("</ul>\n");
        }
        return s.append("</body>\n</html>\n").toString();
    }

    private static String news(AlertDto a) {
        String what = a.changes().stream().map(k -> k.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
        List<String> notes = a.changeNotes().stream().filter(n -> !"new call".equals(n)).toList();
        return notes.isEmpty() ? what : what + " (" + String.join("; ", notes) + ")";
    }

    private static String deadline(CallBrief c) {
        if (c.nextDeadline() == null) {
            return "no deadline ahead";
        }
        long days = c.daysToDeadline();
        return "deadline " + c.nextDeadline() + (days == 0 ? " (today)" : " (in " + days + (days == 1 ? " day)" : " days)"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
