package eu.callmatch.calendars.service;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.DateEnd;
import biweekly.property.DateStart;
import biweekly.property.Method;
import biweekly.util.ICalDate;
import eu.callmatch.workflow.CallBrief;
import eu.callmatch.workflow.TriageItem;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The deadlines of member-call pairs as an iCalendar (RFC 5545) document: one all-day event a deadline (the
 * portal gives days; its hour is 17:00 Brussels time), whose UID names the member, the call and which of its
 * deadlines it is, so that a moved deadline moves the event in the subscribed calendar instead of adding one.
 */
final class DeadlineCalendar {

    private DeadlineCalendar() {
    }

    static String write(String name, List<TriageItem> pairs, OffsetDateTime now) {
        ICalendar calendar = new ICalendar();
        calendar.setProductId("-//Callmatch//Deadlines//EN");
        calendar.setMethod(Method.publish());
        calendar.setName(name);
        calendar.setExperimentalProperty("X-WR-CALNAME", name);
        Date stamp = Date.from(now.toInstant());
        for (TriageItem pair : pairs) {
            CallBrief call = pair.call();
            List<LocalDate> deadlines = call.deadlines() == null ? List.of() : new ArrayList<>(call.deadlines());
            deadlines.sort(null);
            for (int i = 0; i < deadlines.size(); i++) {
                calendar.addEvent(event(pair, deadlines.get(i), i + 1, deadlines.size(), stamp));
            }
        }
        return Biweekly.write(calendar).go();
    }

    private static VEvent event(TriageItem pair, LocalDate deadline, int stage, int stages, Date stamp) {
        CallBrief call = pair.call();
        VEvent event = new VEvent();
        event.setUid(uid(pair.member().id(), call.identifier(), stage));
        event.setDateTimeStamp(stamp);
        event.setDateStart(new DateStart(day(deadline), false));
        event.setDateEnd(new DateEnd(day(deadline.plusDays(1)), false));
        String title = call.title() == null ? call.identifier() : call.identifier() + " " + call.title();
        event.setSummary("Deadline" + (stages > 1 ? " " + stage + "/" + stages : "") + ": " + title + " ("
                + pair.member().name() + ")");
        StringBuilder description = new StringBuilder()
                .append(pair.member().name()).append(": ").append(pair.status()).append('\n')
                .append(title).append('\n');
        if (call.programme() != null) {
            description.append(call.programme()).append('\n');
        }
        if (call.url() != null) {
            description.append(call.url());
            event.setUrl(call.url());
        }
        event.setDescription(description.toString().strip());
        if (pair.decidedAt() != null) {
            event.setLastModified(Date.from(pair.decidedAt().toInstant()));
        }
        event.setTransparency(true);
        return event;
    }

    /** Stable across fetches and changes of the call: the member, the call and the deadline's place. */
    static String uid(long member, String call, int stage) {
        return "deadline-" + stage + "." + call + ".member-" + member + "@callmatch";
    }

    /** A date without a time: biweekly writes it in the default zone, so it is made in that zone. */
    private static ICalDate day(LocalDate date) {
        return new ICalDate(Date.from(date.atStartOfDay(ZoneId.systemDefault()).toInstant()), false);
    }
}
