package eu.callmatch.digests.service;

import eu.callmatch.common.config.Today;
import eu.callmatch.digests.DigestDelivery;
import eu.callmatch.digests.DigestSubscription;
import eu.callmatch.digests.DigestSubscriptionRepository;
import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.members.MemberDto;
import eu.callmatch.savedsearches.service.SavedSearches;
import eu.callmatch.users.service.UserService;
import eu.callmatch.workflow.mapping.WorkflowMapper;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.workflow.DigestDto;
import eu.callmatch.workflow.service.DigestService;
import eu.callmatch.workflow.service.DigestView;
import eu.callmatch.workflow.service.TriageService;
import eu.callmatch.common.error.ProblemException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Sends the digests that are due: each member's subscribed recipients get the alerts raised since their previous
 * digest and the pipeline's coming deadlines, in the member's language, with an unsubscribe link; and each staff user
 * whose saved searches send their hits by e-mail gets, daily, the hits still NEW since their previous one. Each message is
 * claimed in the record (one edition a day per member and recipient) before it goes out, so a restart, a second
 * replica or a second run of the day sends nothing twice. A mail server that fails is tried again ({@link #ATTEMPTS}
 * times, a few seconds apart); a message that still failed stays recorded with its failure, and the next run of the
 * same day (a restart, a replica) claims it again.
 */
@ApplicationScoped
public class DigestSender {

    private static final Logger LOG = Logger.getLogger(DigestSender.class);
    /** How often one message is handed to the mail server before it counts as failed. */
    static final int ATTEMPTS = 3;
    private static final Duration PAUSE = Duration.ofSeconds(2);

    private final DigestSubscriptionRepository subscriptions;
    private final EntityManager em;
    private final DigestService digests;
    private final MemberService members;
    private final TriageService triage;
    private final UnsubscribeLinks links;
    private final Mailer mailer;
    private final DigestConfig config;
    private final Today today;
    private final SavedSearches searches;
    private final CallService calls;
    private final UserService users;

    DigestSender(DigestSubscriptionRepository subscriptions, EntityManager em, DigestService digests,
                 MemberService members, TriageService triage, UnsubscribeLinks links, Mailer mailer,
                 DigestConfig config, Today today, SavedSearches searches, CallService calls, UserService users) {
        this.searches = searches;
        this.calls = calls;
        this.users = users;
        this.subscriptions = subscriptions;
        this.em = em;
        this.digests = digests;
        this.members = members;
        this.triage = triage;
        this.links = links;
        this.mailer = mailer;
        this.config = config;
        this.today = today;
    }

    @Scheduled(cron = "{callmatch.digest.cron}", timeZone = "{callmatch.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int sent = send(ZonedDateTime.now(today.zone()));
        LOG.infof("Digests: %d sent", sent);
    }

    /** Sends the editions due at {@code now} (in callmatch.time-zone); answers how many messages went out. */
    @ActivateRequestContext
    public int send(ZonedDateTime now) {
        LocalDate edition = now.toLocalDate();
        List<DigestSubscription> due = QuarkusTransaction.requiringNew().call(() -> subscriptions.listAll().stream()
                .filter(s -> s.rhythm == DigestSubscription.Rhythm.DAILY || edition.getDayOfWeek() == config.weeklyDay())
                .toList());
        int sent = 0;
        for (DigestSubscription s : due) {
            for (DigestDelivery.Recipient recipient : List.of(DigestDelivery.Recipient.CONTACT,
                    DigestDelivery.Recipient.ASSIGNEE)) {
                if (recipient == DigestDelivery.Recipient.CONTACT ? !s.toContact : !s.toAssignee) {
                    continue;
                }
                try {
                    if (sendOne(s, recipient, edition, now.toOffsetDateTime())) {
                        sent++;
                    }
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Digest of member %d to its %s not sent", s.memberId, recipient);
                }
            }
        }
        for (String owner : searches.digestOwners()) {
            try {
                if (sendHits(owner, edition, now.toOffsetDateTime())) {
                    sent++;
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Saved-search digest of %s not sent", owner);
            }
        }
        return sent;
    }

    private boolean sendOne(DigestSubscription s, DigestDelivery.Recipient recipient, LocalDate edition,
                            OffsetDateTime now) {
        String address = address(s.memberId, recipient);
        if (address == null) {
            return false;
        }
        OffsetDateTime from = previous("memberId", s.memberId, recipient);
        if (from == null) {
            from = now.minusDays(s.rhythm == DigestSubscription.Rhythm.DAILY ? 1 : 7);
        }
        DigestDto digest = digests.digest(s.memberId, from, now, edition);
        if (digest.alerts().isEmpty() && digest.deadlines().isEmpty()) {
            return false;
        }
        Long claimed = claim(s.memberId, null, edition, recipient, address, digest.alerts().size(),
                digest.deadlines().size(), now);
        if (claimed == null) {
            return false;
        }
        String unsubscribe = links.url(s.memberId, recipient);
        DigestView.Rendered message = digests.render(digest, s.language, unsubscribe);
        return deliver(claimed, Mail.withHtml(address, message.subject(), message.html()).setText(message.text())
                .addHeader("List-Unsubscribe", "<" + unsubscribe + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"), "of member " + s.memberId
                + " to its " + recipient);
    }

    /** The staff user's saved-search e-mail: the hits still NEW that came since the previous one went out. */
    private boolean sendHits(String owner, LocalDate edition, OffsetDateTime now) {
        String address = staffAddress(owner);
        if (address == null) {
            return false;
        }
        OffsetDateTime from = previous("owner", owner, DigestDelivery.Recipient.SAVED_SEARCHES);
        List<SavedSearches.Hit> hits = searches.newHitsForDigest(owner, from == null ? now.minusDays(1) : from);
        if (hits.isEmpty()) {
            return false;
        }
        Long claimed = claim(null, owner, edition, DigestDelivery.Recipient.SAVED_SEARCHES, address, hits.size(), 0,
                now);
        if (claimed == null) {
            return false;
        }
        Map<String, CallDto> byCall = calls.findAll(hits.stream().map(SavedSearches.Hit::callIdentifier)
                .collect(Collectors.toSet()));
        DigestView.Rendered message = digests.renderHits(hits.stream().map(h -> new DigestService.Hit(h.searchName(),
                WorkflowMapper.brief(h.callIdentifier(), byCall.get(h.callIdentifier()), edition))).toList(), edition);
        return deliver(claimed, Mail.withHtml(address, message.subject(), message.html()).setText(message.text()),
                "of the saved searches of " + owner);
    }

    /** Hands the message to the mail server, trying again a few times; records when it went or why it did not. */
    private boolean deliver(long claimed, Mail mail, String what) {
        for (int attempt = 1; ; attempt++) {
            try {
                mailer.send(mail);
                record(claimed, OffsetDateTime.now(), null);
                return true;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !pause(attempt)) {
                    record(claimed, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                    throw e;
                }
                LOG.infof("Digest %s: the mail server failed (%s), trying again", what, e.getMessage());
            }
        }
    }

    /** Waits a little longer after each failed attempt; false when the run is being stopped. */
    private static boolean pause(int attempt) {
        try {
            Thread.sleep(PAUSE.multipliedBy(attempt).toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The member's contact person's address, or the assigned staff user's; null when there is none. */
    private String address(long memberId, DigestDelivery.Recipient recipient) {
        if (recipient == DigestDelivery.Recipient.CONTACT) {
            MemberDto.ContactDto contact = members.get(memberId).contact();
            return contact == null || contact.email() == null || contact.email().isBlank() ? null : contact.email();
        }
        try {
            return staffAddress(triage.assignee(memberId).assignee());
        } catch (ProblemException e) {
            return null;
        }
    }

    /**
     * A staff user's address: the one they gave (users' email), else their username when it is one, else
     * {@code <username>@<callmatch.digest.staff-mail-domain>}; null when there is none.
     */
    private String staffAddress(String username) {
        return users.emailOf(username).or(() -> username.contains("@") ? Optional.of(username)
                : config.staffMailDomain().map(domain -> username + "@" + domain)).orElse(null);
    }

    /**
     * When the previous digest that reached this recipient was made: the new one starts there (one that failed does
     * not count, so its calls come in the next one). {@code whose} is memberId (a member's digest) or owner.
     */
    private OffsetDateTime previous(String whose, Object value, DigestDelivery.Recipient recipient) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery("select max(d.createdAt) from "
                        + "DigestDelivery d where d." + whose + " = ?1 and d.recipientKind = ?2 and d.sentAt is not null",
                        OffsetDateTime.class)
                .setParameter(1, value).setParameter(2, recipient).getSingleResult());
    }

    /**
     * The edition's row, or null when another run (or replica) has it already. A row whose message failed is taken
     * again (once: the claim clears its failure), so a later run of the day retries it.
     */
    private Long claim(Long memberId, String owner, LocalDate edition, DigestDelivery.Recipient recipient,
                       String address, int alerts, int deadlines, OffsetDateTime now) {
        String conflict = memberId != null ? "on constraint digest_delivery_edition_uq"
                : "(owner, edition) where owner is not null";
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("insert into digest_delivery (member_id, owner, edition, "
                            + "recipient_kind, recipient, alerts, deadlines, created_at) "
                            + "values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict " + conflict
                            + " do update set recipient = excluded.recipient, alerts = excluded.alerts, "
                            + "deadlines = excluded.deadlines, created_at = excluded.created_at, failure = null "
                            + "where digest_delivery.sent_at is null and digest_delivery.failure is not null "
                            + "returning id")
                    .setParameter(1, memberId).setParameter(2, owner).setParameter(3, edition)
                    .setParameter(4, recipient.name()).setParameter(5, address).setParameter(6, alerts)
                    .setParameter(7, deadlines).setParameter(8, now).getResultList();
            return ids.isEmpty() ? null : ids.get(0).longValue();
        });
    }

    private void record(long id, OffsetDateTime sentAt, String failure) {
        QuarkusTransaction.requiringNew().run(() -> em.createQuery(
                        "update DigestDelivery set sentAt = ?1, failure = ?2 where id = ?3")
                .setParameter(1, sentAt).setParameter(2, failure).setParameter(3, id).executeUpdate());
    }
}
