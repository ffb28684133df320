package eu.callmatch.calls.service;

import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.CallKind;
import eu.callmatch.calls.CallStatus;
import eu.callmatch.calls.CallTranslation;
import eu.callmatch.common.rest.QueryLists;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Calls read with plain JDBC are the calls Hibernate reads, field for field. */
@QuarkusTest
class CallRowsTest {

    @Inject
    CallService calls;
    @Inject
    EntityManager em;

    @Test
    void aCallWithEveryFieldSetReadsAsHibernateReadsIt() throws Exception {
        String id = "HORIZON-ROWS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        calls.upsert(full(id, "Réseaux de chaleur, ports et « hydrogène »"));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "update call set left_source_on = date '2026-02-03' where identifier = ?1")
                .setParameter(1, id).executeUpdate());

        CallDto hibernate = QuarkusTransaction.requiringNew().call(() -> calls.get(id));
        for (var component : CallDto.class.getRecordComponents()) {
            assertNotNull(component.getAccessor().invoke(hibernate), component.getName() + " is set in this call");
        }
        assertEquals(hibernate, calls.findAll(List.of(id, "HORIZON-ROWS-NONE")).get(id));
        assertEquals(1, calls.findAll(List.of(id, "HORIZON-ROWS-NONE")).size(), "a missing call is left out");

        // without the long texts: every other field as read whole
        CallDto h = hibernate;
        assertEquals(new CallDto(h.identifier(), h.callIdentifier(), h.title(), h.callTitle(), h.programme(),
                        h.cluster(), h.destination(), h.actionType(), h.status(), h.openingDate(), h.deadlines(),
                        h.deadlineModel(), h.budgetMin(), h.budgetMax(), h.totalBudget(), h.expectedGrants(), null,
                        h.keywords(), null, h.url(), h.source(), h.sourceUpdatedAt(), h.leftSourceOn(), h.createdAt(),
                        h.updatedAt(), h.kind(), h.parentTopic(), List.of(), h.asOf()),
                calls.findAll(List.of(id), false).get(id));
    }

    @Test
    void datesReadAsHibernateReadsThemAtTheEndsOfTheirRangeAndWhenThereAreNone() {
        String id = "HORIZON-ROWS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        CallDto f = full(id, "Dates");
        List<LocalDate> ends = List.of(QueryLists.FIRST_DATE, LocalDate.of(2028, 12, 31), QueryLists.LAST_DATE);
        calls.upsert(withDates(f, QueryLists.FIRST_DATE, ends));
        CallDto hibernate = QuarkusTransaction.requiringNew().call(() -> calls.get(id));
        assertEquals(ends, hibernate.deadlines());
        assertEquals(hibernate, calls.findAll(List.of(id)).get(id));
        assertEquals(ends, calls.outlines(List.of(id), false).get(id).deadlines());

        calls.upsert(withDates(f, null, List.of()));
        CallDto none = QuarkusTransaction.requiringNew().call(() -> calls.get(id));
        assertEquals(List.of(), none.deadlines());
        assertEquals(none, calls.findAll(List.of(id)).get(id));
        assertEquals(List.of(), calls.outlines(List.of(id), false).get(id).deadlines());
    }

    private static CallDto withDates(CallDto c, LocalDate opening, List<LocalDate> deadlines) {
        return new CallDto(c.identifier(), c.callIdentifier(), c.title(), c.callTitle(), c.programme(), c.cluster(),
                c.destination(), c.actionType(), c.status(), opening, deadlines, c.deadlineModel(), c.budgetMin(),
                c.budgetMax(), c.totalBudget(), c.expectedGrants(), c.description(), c.keywords(), c.conditions(),
                c.url(), c.source(), c.sourceUpdatedAt(), c.leftSourceOn(), c.createdAt(), c.updatedAt(), c.kind(),
                c.parentTopic(), c.translations(), null);
    }

    @Test
    void aCallChangedInTheCurrentTransactionIsReadAsChanged() {
        String id = "HORIZON-ROWS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        calls.upsert(full(id, "First title"));
        String read = QuarkusTransaction.requiringNew().call(() -> {
            calls.find(id).title = "Second title";
            return calls.findAll(List.of(id)).get(id).title();
        });
        assertEquals("Second title", read);
    }

    private static CallDto full(String id, String title) {
        return new CallDto(id, "HORIZON-ROWS", title, "Call title", "Horizon Europe", "CL5", "Destination",
                "HORIZON-RIA", CallStatus.OPEN, LocalDate.of(2026, 1, 10),
                List.of(LocalDate.of(2026, 9, 1), LocalDate.of(2027, 2, 1)), "two-stage", new BigDecimal("1500000.50"),
                new BigDecimal("3000000"), new BigDecimal("12000000"), 4, "Description with SMEs and ünïcode.",
                List.of("heat networks", "ports"), "Standard conditions.", "https://ec.europa.eu/x", "ft-portal",
                OffsetDateTime.of(2026, 1, 5, 10, 15, 30, 0, ZoneOffset.ofHours(2)), null, null, null,
                CallKind.TOPIC, "HORIZON-PARENT-01",
                List.of(new CallTranslation("fr", "Réseaux", "Le projet vise à ..."),
                        new CallTranslation("de", "Netze", null)),
                OffsetDateTime.of(2026, 1, 6, 8, 0, 0, 0, ZoneOffset.ofHours(1)));
    }
}
