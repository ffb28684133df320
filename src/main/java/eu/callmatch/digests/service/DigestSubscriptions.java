package eu.callmatch.digests.service;

import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.digests.DigestDelivery;
import eu.callmatch.digests.DigestDeliveryRepository;
import eu.callmatch.digests.DigestSubscription;
import eu.callmatch.digests.DigestSubscriptionRepository;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.workflow.service.DigestService;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneOffset;

/** Members' opt-ins to the digest, the unsubscribe links' effect, and the record of what was sent. */
@ApplicationScoped
public class DigestSubscriptions {

    private final DigestSubscriptionRepository subscriptions;
    private final DigestDeliveryRepository deliveries;
    private final MemberService members;
    private final UnsubscribeLinks links;
    private final DigestService digests;

    DigestSubscriptions(DigestSubscriptionRepository subscriptions, DigestDeliveryRepository deliveries,
                        MemberService members, UnsubscribeLinks links, DigestService digests) {
        this.digests = digests;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.members = members;
        this.links = links;
    }

    /**
     * @param language the digest's language; null: the member's own (given or detected from its profile) where the
     *                 digest has words for it, else English
     */
    @Transactional
    public DigestSubscription put(long memberId, DigestSubscription.Rhythm rhythm, boolean toContact,
                                  boolean toAssignee, String language, String by) {
        language = digests.languageFor(memberId, language);
        DigestSubscription s = subscriptions.findById(memberId);
        boolean created = s == null;
        if (created) {
            s = new DigestSubscription();
            s.memberId = memberId;
        }
        s.rhythm = rhythm;
        s.toContact = toContact;
        s.toAssignee = toAssignee;
        s.language = language;
        s.updatedBy = by;
        s.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        if (created) {
            subscriptions.persist(s);
        }
        return s;
    }

    @Transactional
    public DigestSubscription get(long memberId) {
        members.get(memberId);
        DigestSubscription s = subscriptions.findById(memberId);
        if (s == null) {
            throw new ProblemException(404, "Member " + memberId + " has no digest subscription");
        }
        return s;
    }

    @Transactional
    public void delete(long memberId) {
        members.get(memberId);
        subscriptions.deleteById(memberId);
    }

    /** What an unsubscribe link names, or a 404 for a link this service did not sign. */
    public UnsubscribeLinks.Target target(String token) {
        UnsubscribeLinks.Target target = links.verify(token);
        if (target == null) {
            throw new ProblemException(404, "This unsubscribe link is not valid; ask your helpdesk");
        }
        return target;
    }

    /** The link's recipient gets no more digests of the member; whether it still did before. */
    @Transactional
    public boolean unsubscribe(UnsubscribeLinks.Target target) {
        DigestSubscription s = subscriptions.findById(target.memberId());
        if (s == null) {
            return false;
        }
        boolean was = target.recipient() == DigestDelivery.Recipient.CONTACT ? s.toContact : s.toAssignee;
        if (target.recipient() == DigestDelivery.Recipient.CONTACT) {
            s.toContact = false;
        } else {
            s.toAssignee = false;
        }
        s.updatedBy = "unsubscribe link";
        s.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return was;
    }

    @Transactional
    public Page<DigestDelivery> deliveries(Long memberId, String owner, PageRequest page) {
        Parameters by = new Parameters();
        List<String> where = new ArrayList<>();
        if (memberId != null) {
            where.add("memberId = :member");
            by.and("member", memberId);
        }
        if (owner != null) {
            where.add("owner = :owner");
            by.and("owner", owner);
        }
        var query = where.isEmpty() ? deliveries.findAll(Sort.descending("id"))
                : deliveries.find(String.join(" and ", where), Sort.descending("id"), by);
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }
}
