package eu.callmatch.matching.service;

import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.common.text.Countries;
import eu.callmatch.matching.PartnerMatchDto;
import eu.callmatch.matching.PartnerMatchDto.Kind;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.members.MemberDto;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.search.matching.CallMatcher;
import eu.callmatch.search.matching.CallText;
import eu.callmatch.search.matching.TextEmbedder;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Partners for a call: the pool's organisations, ranked by {@link PartnerRanker} over the pool {@link LivePartnerPool}
 * holds and explained by {@link PartnerReasons}, and the members, by their profile's closeness to the call and their
 * keywords in it.
 */
@ApplicationScoped
public class PartnerMatchService {

    private static final Logger LOG = Logger.getLogger(PartnerMatchService.class);

    public enum Source { MEMBERS, ORGANISATIONS, ALL }

    /** What to look for. */
    public record Request(String callIdentifier, Long memberId, Source source, String country,
                          OrganisationType organisationType, int limit) {
    }

    /** A scored candidate, before it becomes a DTO: the consortium builder reads it too. */
    record Scored(PartnerMatchDto dto, double score) {
    }

    private final CallService calls;
    private final MemberService members;
    private final LivePartnerPool pool;
    private final CallMatcher callMatcher;
    private final TextEmbedder embedder;
    private final PartnerRanker ranker;

    PartnerMatchService(CallService calls, MemberService members, LivePartnerPool pool, CallMatcher callMatcher,
                        TextEmbedder embedder) {
        this.calls = calls;
        this.members = members;
        this.pool = pool;
        this.callMatcher = callMatcher;
        this.embedder = embedder;
        this.ranker = loadRanker(PartnerMatchService.class.getClassLoader());
    }

    /** The learned ranker from the class path, or the hand-set one when the artefact is missing or unreadable. */
    static PartnerRanker loadRanker(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(PartnerRanker.RESOURCE)) {
            if (in != null) {
                PartnerRanker learned = PartnerRanker.read(in);
                LOG.infof("Partner ranking: learned weights from %s", PartnerRanker.RESOURCE);
                return learned;
            }
            LOG.warnf("Partner ranking: no %s on the class path; ranking with the hand-set weights",
                    PartnerRanker.RESOURCE);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Partner ranking: %s unreadable (%s); ranking with the hand-set weights", PartnerRanker.RESOURCE,
                    e.getMessage());
        }
        return PartnerRanker.handSet();
    }

    PartnerRanker ranker() {
        return ranker;
    }

    /** The call's title alone, embedded like a one-line profile (through the same bounded cache), or null. */
    private float[] titleVector(CallDto call) {
        return embedder.enabled() && call.title() != null && !call.title().isBlank()
                ? embedder.embedProfile(call.title().strip(), null, 0).text() : null;
    }

    public PartnerMatchDto.Page match(Request request) {
        CallDto call = calls.get(request.callIdentifier());
        MemberDto lead = request.memberId() == null ? null : members.get(request.memberId());
        Ranking ranking = scored(call, lead, request, request.limit());
        return new PartnerMatchDto.Page(ranking.items().stream().map(Scored::dto).toList(), ranking.total());
    }

    /** The best candidates, and how many scored above zero. */
    record Ranking(List<Scored> items, long total) {
    }

    /** The best {@code limit} candidates for the call, the lead excluded. */
    Ranking scored(CallDto call, MemberDto lead, Request request, int limit) {
        float[] callVector = callVector(call);
        float[] titleVector = callVector == null ? null : titleVector(call);
        String country = request.country() == null || request.country().isBlank() ? null
                : Countries.normalise(request.country());
        List<Scored> all = new ArrayList<>();
        long total = 0;
        if (request.source() != Source.MEMBERS) {
            Ranking orgs = organisations(ranker, pool.current(), call, callVector, titleVector, lead, country,
                    request.organisationType(), limit);
            all.addAll(orgs.items());
            total += orgs.total();
        }
        if (request.source() != Source.ORGANISATIONS) {
            List<Scored> ms = members(call, callVector, lead, country, request.organisationType());
            total += ms.size();
            all.addAll(ms);
        }
        all.sort(Comparator.comparingDouble(Scored::score).reversed());
        return new Ranking(all.subList(0, Math.min(limit, all.size())), total);
    }

    private float[] callVector(CallDto call) {
        if (!embedder.enabled()) {
            return null;
        }
        float[] v = callMatcher.vector(call.identifier());
        return v != null ? v : embedder.embed(CallText.vectorText(call));
    }

    /** The pool's best organisations for the call, as candidates with reasons and evidence. */
    static Ranking organisations(PartnerRanker ranker, PartnerPool p, CallDto call, float[] callVector,
                                 float[] titleVector, MemberDto lead, String country, OrganisationType type, int limit) {
        PartnerRelevance r = PartnerRelevance.of(p, call.identifier(), callVector, titleVector);
        PartnerRanker.Top top = ranker.rank(p, r, lead == null ? null : lead.pic(), country, type, limit);
        List<Scored> out = new ArrayList<>();
        for (int i = 0; i < top.organisations().length; i++) {
            int o = top.organisations()[i];
            out.add(new Scored(PartnerReasons.organisation(p, o, top.scores()[i], r, top.seeds(), lead),
                    top.scores()[i]));
        }
        return new Ranking(out, top.total());
    }

    private List<Scored> members(CallDto call, float[] callVector, MemberDto lead, String country,
                                 OrganisationType type) {
        List<Scored> out = new ArrayList<>();
        String callText = CallText.of(call).toLowerCase(Locale.ROOT);
        String after = null;
        for (List<String> ids = members.idsAfter(null, 500); !ids.isEmpty(); ids = members.idsAfter(after, 500)) {
            after = ids.get(ids.size() - 1);
            for (MemberDto m : members.findAll(ids).values()) {
                if ((lead != null && Objects.equals(lead.id(), m.id())) || (country != null && !country.equals(m.country()))
                        || (type != null && type != m.organisationType())) {
                    continue;
                }
                List<String> hits = m.keywords() == null ? List.of() : m.keywords().stream()
                        .filter(k -> callText.contains(k.toLowerCase(Locale.ROOT))).toList();
                double s = m.keywords() == null || m.keywords().isEmpty() ? 0 : (double) hits.size() / m.keywords().size();
                List<String> reasons = new ArrayList<>();
                if (callVector != null) {
                    float[] v = memberVector(m);
                    if (v != null) {
                        double c = TextEmbedder.cosine(v, callVector);
                        s += 2 * Math.max(c - PartnerRelevance.SIMILARITY_FLOOR, 0);
                        if (c >= PartnerReasons.SIMILAR) {
                            reasons.add(String.format(Locale.ROOT, "its profile is close to the call (similarity %.2f)", c));
                        }
                    }
                }
                if (s <= 0) {
                    continue;
                }
                if (!hits.isEmpty()) {
                    reasons.add("its keywords in the call: " + String.join(", ", hits));
                }
                reasons.add(PartnerReasons.profile(m.organisationType(), m.organisationType() == OrganisationType.SME,
                        m.country(), lead));
                out.add(new Scored(new PartnerMatchDto(Kind.MEMBER, String.valueOf(m.id()), m.pic(), m.name(),
                        m.country(), m.organisationType(), m.organisationType() == OrganisationType.SME, PartnerReasons.round(s),
                        reasons, List.of()), s));
            }
        }
        return out;
    }

    /** The member's profile as one text, embedded once (kept with the other recent profiles, a bounded cache). */
    private float[] memberVector(MemberDto m) {
        String text = Objects.toString(m.description(), "") + " " + (m.keywords() == null ? "" : String.join(", ", m.keywords()));
        return embedder.embedProfile(text, null, 0).text();
    }
}
