package eu.callmatch.calendars.service;

import eu.callmatch.calendars.CalendarFeed;
import eu.callmatch.calendars.CalendarFeedRepository;
import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.text.ContentHash;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.workflow.TriageItem;
import eu.callmatch.workflow.service.DecisionService;
import eu.callmatch.workflow.service.TriageService;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Deadline calendars: issues and revokes their secret addresses, and writes a feed from the pipeline as it is at
 * the moment a calendar client asks, so that a changed or moved deadline shows at the client's next poll.
 */
@ApplicationScoped
public class CalendarService {

    /** A feed just made, with the one address that reads it: shown once, only its hash is kept. */
    public record Issued(CalendarFeed feed, String url) {
    }

    /** Where the feeds are read; the README and the API document name it. */
    public static final String FEED_PATH = "/api/v1/calendars/";
    public static final String FEED_FILE = "/deadlines.ics";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CalendarFeedRepository feeds;
    private final TriageService triage;
    private final MemberService members;
    private final String publicUrl;

    CalendarService(CalendarFeedRepository feeds, TriageService triage, MemberService members,
                    CallmatchConfig config) {
        this.feeds = feeds;
        this.triage = triage;
        this.members = members;
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    /** A new feed for a member's pipeline (member) or for the members a staff user looks after (assignee). */
    @Transactional
    public Issued create(Long memberId, String assignee, String by) {
        if (memberId != null) {
            members.get(memberId);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        CalendarFeed feed = new CalendarFeed();
        feed.memberId = memberId;
        feed.assignee = assignee;
        feed.tokenHash = ContentHash.of(token);
        feed.createdBy = by;
        feed.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        feeds.persist(feed);
        return new Issued(feed, publicUrl + FEED_PATH + token + FEED_FILE);
    }

    @Transactional
    public Page<CalendarFeed> list(PageRequest page) {
        var query = feeds.findAll(Sort.by("id"));
        return new Page<>(query.page(page.page, page.size).list(), page.page, page.size, query.count());
    }

    @Transactional
    public CalendarFeed get(long id) {
        CalendarFeed feed = feeds.findById(id);
        if (feed == null) {
            throw ProblemException.notFound("Calendar feed", id);
        }
        return feed;
    }

    /** The address stops working at once; the feed stays, revoked, as a record. */
    @Transactional
    public CalendarFeed revoke(long id) {
        CalendarFeed feed = get(id);
        if (feed.revokedAt == null) {
            feed.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
        return feed;
    }

    /** The feed's calendar; 404 alike for a secret never issued and one revoked, so that neither is told apart. */
    @Transactional
    public String read(String token) {
        CalendarFeed feed = token == null || token.length() > 100 ? null
                : feeds.find("tokenHash = ?1 and revokedAt is null", ContentHash.of(token)).firstResult();
        if (feed == null) {
            throw new ProblemException(404, "No calendar is published at this address (it may have been revoked)");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        feed.lastReadAt = now;
        String name = feed.memberId != null ? "Callmatch deadlines: " + members.get(feed.memberId).name()
                : "Callmatch deadlines: members of " + feed.assignee;
        return DeadlineCalendar.write(name, pipeline(feed), now);
    }

    private List<TriageItem> pipeline(CalendarFeed feed) {
        TriageService.Filter filter = new TriageService.Filter(DecisionService.PIPELINE, null, feed.assignee,
                feed.memberId, List.of(TriageItem.Kind.MEMBER_CALL));
        List<TriageItem> pairs = new ArrayList<>();
        for (int p = 0; ; p++) {
            Page<TriageItem> page = triage.queue(filter, new PageRequest(p, PageRequest.MAX_SIZE));
            pairs.addAll(page.items());
            if (page.items().size() < PageRequest.MAX_SIZE) {
                return pairs;
            }
        }
    }
}
