package eu.callmatch.matching.service;

import eu.callmatch.common.concurrent.DaemonThreads;
import eu.callmatch.calls.rest.CallDto;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.common.changes.ChangeLog;
import eu.callmatch.common.config.CallmatchConfig;
import eu.callmatch.common.text.Countries;
import eu.callmatch.matching.rest.PartnerMatchDto;
import eu.callmatch.matching.rest.PartnerMatchDto.Evidence;
import eu.callmatch.matching.rest.PartnerMatchDto.Kind;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.members.rest.MemberDto;
import eu.callmatch.members.service.MemberService;
import eu.callmatch.organisations.rest.OrganisationDto;
import eu.callmatch.organisations.service.OrganisationService;
import eu.callmatch.organisations.service.OrganisationService.PoolProject;
import eu.callmatch.search.matching.CallMatcher;
import eu.callmatch.search.matching.CallText;
import eu.callmatch.search.matching.TextEmbedder;
import eu.callmatch.search.matching.TopicCodes;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Partners for a call, in two stages.
 * <ol>
 * <li>Relevance: each past participation of an organisation is scored against the call and the scores are summed per
 * organisation: how close the project's vector (its topic's title, its own title and objective, its science fields)
 * is to the call's, above a floor; as much again for how close it is to the call's title alone (the call's sharpest
 * statement of its subject, which its whole text, description and destination included, blurs), above a floor of
 * its own; plus the squared share of the call's work-programme path its topic has
 * (HORIZON-CL5-D6-01 of HORIZON-CL5-2024-D6-01-03), plus a small prior for experience. An organisation that did
 * several projects like the call is a likelier partner than one whose single project is closest, and one profile
 * per organisation would blur what it did. The floor is the larger of {@link #SIMILARITY_FLOOR} and the cosine that
 * only the call's closest {@link #CLOSE_SHARE} of the pool's projects reach: a call worded like many projects would
 * otherwise credit every organisation with a little of everything. The weights ({@link #TITLE_WEIGHT},
 * {@link #TOPIC_WEIGHT}, {@link #ACTIVITY_WEIGHT}) were checked against the pool itself: for each of the pool's topics
 * that is a call in the index, its projects are hidden and its real participants should rank high (see
 * {@link #TITLE_WEIGHT}).</li>
 * <li>Collaboration: consortia re-form, so an organisation that worked with the call's best-scored organisations (the
 * first {@link #SEEDS}) is a likelier partner. Each of them passes its score, shared out over its projects, to the
 * partners it had in them; what an organisation receives is damped by the square root of its own number of projects
 * (a hub works with everyone), scaled to the best first-stage score and added at {@link #GRAPH_WEIGHT}.</li>
 * </ol>
 */
@ApplicationScoped
public class PartnerMatchService {

    private static final Logger LOG = Logger.getLogger(PartnerMatchService.class);
    /** Below this cosine a past project says nothing about the call. */
    static final double SIMILARITY_FLOOR = 0.3;
    /** The share of the pool's projects closest to the call whose similarity counts (see the class comment). */
    static final double CLOSE_SHARE = 0.01;
    /** In a small pool a share says little: at least this many projects may count. */
    static final int CLOSE_AT_LEAST = 50;
    /** How many of the best first-stage organisations pass on their score to their past partners. */
    static final int SEEDS = 50;
    /** What the collaboration signal adds at most, as a share of the best first-stage score. */
    static final double GRAPH_WEIGHT = 0.2;
    /**
     * What closeness to the call's title counts beside closeness to its whole text: as much. Derived from the pool, not
     * from any evaluation ({@code PartnerSelfCheck}): on the CORDIS development bundle, hiding in turn each of the 531
     * topics that are calls in the index and ranking organisations for it, the title view raised the share of its real
     * participants among the first 50 from 0.181 to 0.187 (better for 139 topics, worse for 97; 3.4 standard errors).
     * In an offline replica of the ranking the gain was about the same for any weight from 0.5 to 2, and on those
     * topics the topic-code and experience weights below were best where they are.
     */
    static final double TITLE_WEIGHT = 1.0;
    static final double TOPIC_WEIGHT = 0.5;
    static final double ACTIVITY_WEIGHT = 0.1;
    /** A project this close counts as "similar" in the reasons. */
    static final double SIMILAR = 0.5;
    /** An import commits in batches: the pool is refreshed once they have stopped for this long. */
    private static final java.time.Duration QUIET_BEFORE_REFRESH = java.time.Duration.ofSeconds(30);

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
    private final OrganisationService organisations;
    private final CallMatcher callMatcher;
    private final TextEmbedder embedder;
    private final ProfileVectors profileVectors;
    private final ProjectVectors cache;
    private final AtomicLong changes = new AtomicLong(1);
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("callmatch-partner-pool"));
    private volatile PartnerPool pool;
    private long poolVersion;

    PartnerMatchService(CallService calls, MemberService members, OrganisationService organisations,
                        CallMatcher callMatcher, TextEmbedder embedder, ProfileVectors profileVectors,
                        CallmatchConfig config) {
        this.profileVectors = profileVectors;
        this.calls = calls;
        this.members = members;
        this.organisations = organisations;
        this.callMatcher = callMatcher;
        this.embedder = embedder;
        this.cache = new ProjectVectors(Path.of(config.dataDir(), "vectors", "projects-v4-minilm-l6-v2-q.bin"));
    }

    /** The pool changed: embed its new projects in the background, so the next request need not wait. */
    void onChange(@Observes ChangeLog.Committed committed) {
        if (committed.kinds().contains(ChangeLog.Kind.ORGANISATION)) {
            long version = changes.incrementAndGet();
            refresher.schedule(() -> {
                if (changes.get() == version) { // the last of a burst (an import commits in batches)
                    try {
                        current();
                    } catch (RuntimeException e) {
                        LOG.warn("Refreshing the partner pool failed; the next request tries again", e);
                    }
                }
            }, QUIET_BEFORE_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        refresher.shutdownNow();
    }

    /** The pool as of the last change; rebuilt first when it changed since. */
    synchronized PartnerPool current() {
        long version = changes.get();
        if (pool == null || poolVersion != version) {
            long started = System.currentTimeMillis();
            List<PoolProject> projects = organisations.poolProjects();
            pool = PartnerPool.build(projects, organisations.poolParticipations(), organisations.poolOrganisations(),
                    cache, embedder);
            poolVersion = version;
            LOG.infof("Partner pool loaded: %d organisations, %d projects in %d ms", pool.organisations.size(),
                    projects.size(), System.currentTimeMillis() - started);
        }
        return pool;
    }

    /** The call's title alone, embedded like a one-line profile (through the same bounded cache), or null. */
    private float[] titleVector(CallDto call) {
        return embedder.enabled() && call.title() != null && !call.title().isBlank()
                ? profileVectors.of(call.title().strip(), null, 0).text() : null;
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
            PartnerPool p = current();
            Ranking orgs = organisations(p, call, callVector, titleVector, lead, country, request.organisationType(),
                    limit);
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
        return v != null ? v : embedder.embed(CallText.of(call));
    }

    /** The pool's best organisations for the call, as candidates with reasons and evidence. */
    static Ranking organisations(PartnerPool p, CallDto call, float[] callVector, float[] titleVector, MemberDto lead,
                                 String country, OrganisationType type, int limit) {
        Relevance r = relevance(p, call.identifier(), callVector, titleVector);
        List<Scored> out = new ArrayList<>();
        Top top = top(p, r, lead == null ? null : lead.pic(), country, type, limit);
        for (int i = 0; i < top.organisations().length; i++) {
            int o = top.organisations()[i];
            out.add(new Scored(organisationDto(p, o, top.scores()[i], r, top.seeds(), lead), top.scores()[i]));
        }
        return new Ranking(out, top.total());
    }

    /**
     * Per pool project, its cosine with the call's text and with the call's title, and how far its topic shares the
     * call's work-programme area; and per view the cosine below which a project says nothing about the call.
     */
    record Relevance(double[] cos, double[] titleCos, double[] topic, double floor, double titleFloor) {

        /** What the project says of the call: its closeness in either view above that view's floor, its topic's. */
        double credit(int j) {
            return Math.max(cos[j] - floor, 0) + TITLE_WEIGHT * Math.max(titleCos[j] - titleFloor, 0)
                    + TOPIC_WEIGHT * topic[j] * topic[j]; // squared: a shared cluster says little, a shared call much
        }

        /** The project's closeness to the call in the nearer of the two views (for the reasons). */
        double closeness(int j) {
            return Math.max(cos[j], titleCos[j]);
        }
    }

    /** Without a title vector: the call's whole text is its only view. */
    static Relevance relevance(PartnerPool p, String callIdentifier, float[] callVector) {
        return relevance(p, callIdentifier, callVector, null);
    }

    static Relevance relevance(PartnerPool p, String callIdentifier, float[] callVector, float[] titleVector) {
        int n = p.projects.size();
        double[] cos = new double[n];
        double[] titleCos = new double[n];
        boolean dense = callVector != null && p.hasVectors();
        boolean titled = dense && titleVector != null;
        if (titled) {
            cosines(p.vectors, n, callVector, titleVector, cos, titleCos);
        } else if (dense) {
            for (int i = 0; i < n; i++) {
                cos[i] = TextEmbedder.dot(p.vectors, i * TextEmbedder.DIMENSIONS, callVector);
            }
        }
        List<String> callSegments = TopicCodes.segments(callIdentifier);
        double[] byTopic = new double[p.topics.size()];
        for (int t = 0; t < byTopic.length; t++) {
            byTopic[t] = topicSimilarity(p.topics.get(t), callSegments);
        }
        double[] topic = new double[n];
        for (int i = 0; i < n; i++) {
            topic[i] = p.topicOf[i] < 0 ? 0 : byTopic[p.topicOf[i]];
        }
        long close = Math.max(CLOSE_AT_LEAST, (long) Math.ceil(CLOSE_SHARE * n));
        return new Relevance(cos, titleCos, topic, Math.max(SIMILARITY_FLOOR, lowestOfBest(cos, close)),
                titled ? Math.max(SIMILARITY_FLOOR, lowestOfBest(titleCos, close)) : Double.POSITIVE_INFINITY);
    }

    /**
     * The cosines of each of the first {@code n} vectors in {@code all} with {@code a} and with {@code b}, in one pass:
     * this is the hot spot of partner matching (a pool of 100,000 projects is 150 MB of vectors), so each vector is
     * read once, and the eight running sums (four per view) keep both of the processor's adders busy where one view's
     * four would leave half of them idle.
     */
    static void cosines(float[] all, int n, float[] a, float[] b, double[] outA, double[] outB) {
        int d = TextEmbedder.DIMENSIONS;
        for (int i = 0; i < n; i++) {
            int at = i * d;
            float a0 = 0;
            float a1 = 0;
            float a2 = 0;
            float a3 = 0;
            float b0 = 0;
            float b1 = 0;
            float b2 = 0;
            float b3 = 0;
            for (int k = 0; k < d; k += 4) { // DIMENSIONS is a multiple of 4
                float x0 = all[at + k];
                float x1 = all[at + k + 1];
                float x2 = all[at + k + 2];
                float x3 = all[at + k + 3];
                a0 += x0 * a[k];
                a1 += x1 * a[k + 1];
                a2 += x2 * a[k + 2];
                a3 += x3 * a[k + 3];
                b0 += x0 * b[k];
                b1 += x1 * b[k + 1];
                b2 += x2 * b[k + 2];
                b3 += x3 * b[k + 3];
            }
            outA[i] = a0 + a1 + a2 + a3;
            outB[i] = b0 + b1 + b2 + b3;
        }
    }

    /**
     * About the lowest of the {@code count} largest values in [-1, 1] (to a 1/1000), from a histogram: one pass, no
     * sort; -1 when there are fewer values.
     */
    static double lowestOfBest(double[] values, long count) {
        int bins = 2000;
        int[] counts = new int[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, Math.max(0, (int) ((v + 1) / 2 * bins)))]++;
        }
        long above = 0;
        for (int b = bins - 1; b >= 0; b--) {
            above += counts[b];
            if (above >= count) {
                return 2.0 * b / bins - 1;
            }
        }
        return -1;
    }

    /**
     * The best organisations (indexes into the pool) with their scores, best first, how many scored, and which
     * organisations passed their score on to their partners (for the reasons).
     */
    record Top(int[] organisations, double[] scores, long total, Set<Integer> seeds) {
    }

    static Top top(PartnerPool p, Relevance r, String excludedPic, String country, OrganisationType type, int limit) {
        int n = p.organisations.size();
        // first stage; its best organisations, whoever they are, become the seeds of the collaboration stage
        double[] relevance = new double[n];
        Heap seeds = new Heap(SEEDS);
        for (int o = 0; o < n; o++) {
            relevance[o] = relevance(p, r, o);
            if (relevance[o] > 0) {
                seeds.offer(o, relevance[o] + activity(p, o));
            }
        }
        Heap.Best best = seeds.best();
        double[] collaboration = collaboration(p, best);
        double most = 0;
        for (double c : collaboration) {
            most = Math.max(most, c);
        }
        double scale = most > 0 ? GRAPH_WEIGHT * best.scores()[0] / most : 0;
        Heap heap = new Heap(limit);
        long above = 0;
        for (int o = 0; o < n; o++) {
            if (relevance[o] <= 0 && collaboration[o] <= 0) {
                continue;
            }
            OrganisationDto org = p.organisations.get(o);
            if ((country != null && !country.equals(org.country())) || (type != null && type != org.organisationType())
                    || (excludedPic != null && excludedPic.equals(org.pic()))) {
                continue;
            }
            above++;
            heap.offer(o, relevance[o] + activity(p, o) + scale * collaboration[o]);
        }
        Heap.Best top = heap.best();
        Set<Integer> seedSet = new HashSet<>();
        for (int o : best.organisations()) {
            seedSet.add(o);
        }
        return new Top(top.organisations(), top.scores(), above, seedSet);
    }

    /** The first stage without the experience prior: how close the organisation's past projects are to the call. */
    private static double relevance(PartnerPool p, Relevance r, int o) {
        double s = 0;
        for (int j : p.projectsOf[o]) {
            s += r.credit(j);
        }
        return s;
    }

    private static double activity(PartnerPool p, int o) {
        return ACTIVITY_WEIGHT * Math.log1p(p.projectsOf[o].length);
    }

    /**
     * Per organisation, what the seeds passed on: each seed's score shared out over its projects, a share to every
     * partner it had in each, damped by the square root of the receiver's number of projects.
     */
    static double[] collaboration(PartnerPool p, Heap.Best seeds) {
        double[] received = new double[p.organisations.size()];
        for (int i = 0; i < seeds.organisations().length; i++) {
            int a = seeds.organisations()[i];
            double share = seeds.scores()[i] / p.projectsOf[a].length;
            for (int j : p.projectsOf[a]) {
                for (int b : p.organisationsOf[j]) {
                    if (b != a) {
                        received[b] += share;
                    }
                }
            }
        }
        for (int b = 0; b < received.length; b++) {
            if (received[b] > 0) {
                received[b] /= Math.sqrt(p.projectsOf[b].length);
            }
        }
        return received;
    }

    /** A bounded min-heap of (organisation, score): keeps the best {@code capacity} offered. */
    static final class Heap {

        /** The kept organisations and their scores, best first (ties: lower index first). */
        record Best(int[] organisations, double[] scores) {
        }

        private final int[] org;
        private final double[] score;
        private final int capacity;
        private int size;

        Heap(int capacity) {
            this.capacity = capacity;
            this.org = new int[Math.max(1, capacity)];
            this.score = new double[Math.max(1, capacity)];
        }

        void offer(int o, double s) {
            if (size < capacity) {
                org[size] = o;
                score[size] = s;
                siftUp(size++);
            } else if (capacity > 0 && s > score[0]) {
                org[0] = o;
                score[0] = s;
                siftDown();
            }
        }

        Best best() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed()
                    .thenComparingInt(i -> org[i]));
            int[] orgs = new int[size];
            double[] scores = new double[size];
            for (int i = 0; i < size; i++) {
                orgs[i] = org[order[i]];
                scores[i] = score[order[i]];
            }
            return new Best(orgs, scores);
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (score[parent] <= score[i]) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void siftDown() {
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                int smallest = i;
                if (l < size && score[l] < score[smallest]) {
                    smallest = l;
                }
                if (l + 1 < size && score[l + 1] < score[smallest]) {
                    smallest = l + 1;
                }
                if (smallest == i) {
                    return;
                }
                swap(i, smallest);
                i = smallest;
            }
        }

        private void swap(int a, int b) {
            int o = org[a];
            org[a] = org[b];
            org[b] = o;
            double s = score[a];
            score[a] = score[b];
            score[b] = s;
        }
    }

    private static PartnerMatchDto organisationDto(PartnerPool p, int o, double score, Relevance r,
                                                   Set<Integer> seeds, MemberDto lead) {
        double[] topic = r.topic();
        OrganisationDto org = p.organisations.get(o);
        int[] projects = p.projectsOf[o];
        String[] roles = p.rolesOf[o];
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < projects.length; k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingDouble((Integer k) -> r.closeness(projects[k]) + topic[projects[k]]).reversed());
        List<String> coordinated = new ArrayList<>();
        List<String> tookPart = new ArrayList<>();
        int sameArea = 0;
        for (int k : order) {
            PoolProject pr = p.projects.get(projects[k]);
            if (topic[projects[k]] >= 0.5) {
                sameArea++;
            }
            if (r.closeness(projects[k]) >= SIMILAR || topic[projects[k]] >= 0.5) {
                (("coordinator".equalsIgnoreCase(roles[k])) ? coordinated : tookPart)
                        .add(Objects.toString(pr.acronym(), pr.id()));
            }
        }
        List<String> reasons = new ArrayList<>();
        if (!coordinated.isEmpty()) {
            reasons.add("coordinated " + count(coordinated.size(), "project") + " under similar topics ("
                    + String.join(", ", coordinated.subList(0, Math.min(3, coordinated.size()))) + ")");
        }
        if (!tookPart.isEmpty()) {
            reasons.add("took part in " + count(tookPart.size(), "project") + " close to the call ("
                    + String.join(", ", tookPart.subList(0, Math.min(3, tookPart.size()))) + ")");
        }
        if (sameArea > 0) {
            reasons.add(count(sameArea, "past project") + " in the call's work-programme area");
        }
        String collaboration = collaborationReason(p, o, seeds);
        if (collaboration != null) {
            reasons.add(collaboration);
        }
        reasons.add(count(projects.length, "EU project") + " in all");
        reasons.add(profileReason(org.organisationType(), org.sme(), org.country(), lead));
        List<Evidence> evidence = order.stream().limit(3).map(k -> {
            PoolProject pr = p.projects.get(projects[k]);
            return new Evidence(pr.id(), pr.acronym(), pr.title(), pr.topic(), roles[k]);
        }).toList();
        return new PartnerMatchDto(Kind.ORGANISATION, org.pic(), org.pic(), org.name(), org.country(),
                org.organisationType(), org.sme(), round(score), reasons, evidence);
    }

    /** "worked with A, B (among the call's best-matched organisations) in ACRONYM1, ACRONYM2", or null. */
    static String collaborationReason(PartnerPool p, int o, Set<Integer> seeds) {
        Set<String> partners = new LinkedHashSet<>();
        Set<String> together = new LinkedHashSet<>();
        for (int j : p.projectsOf[o]) {
            for (int b : p.organisationsOf[j]) {
                if (b != o && seeds.contains(b)) {
                    partners.add(p.organisations.get(b).name());
                    PoolProject pr = p.projects.get(j);
                    together.add(Objects.toString(pr.acronym(), pr.id()));
                }
            }
        }
        if (partners.isEmpty()) {
            return null;
        }
        return "worked with " + String.join(", ", partners.stream().limit(2).toList())
                + (partners.size() > 2 ? " and " + (partners.size() - 2) + " more" : "")
                + " (among the call's best-matched organisations) in " + String.join(", ", together.stream().limit(3).toList())
                + (together.size() > 3 ? " and " + (together.size() - 3) + " more" : "");
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
                        s += 2 * Math.max(c - SIMILARITY_FLOOR, 0);
                        if (c >= SIMILAR) {
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
                reasons.add(profileReason(m.organisationType(), m.organisationType() == OrganisationType.SME,
                        m.country(), lead));
                out.add(new Scored(new PartnerMatchDto(Kind.MEMBER, String.valueOf(m.id()), m.pic(), m.name(),
                        m.country(), m.organisationType(), m.organisationType() == OrganisationType.SME, round(s),
                        reasons, List.of()), s));
            }
        }
        return out;
    }

    /** The member's profile as one text, embedded once (kept with the other recent profiles, a bounded cache). */
    private float[] memberVector(MemberDto m) {
        String text = Objects.toString(m.description(), "") + " " + (m.keywords() == null ? "" : String.join(", ", m.keywords()));
        return profileVectors.of(text, null, 0).text();
    }

    private static String profileReason(OrganisationType type, Boolean sme, String country, MemberDto lead) {
        String what = Boolean.TRUE.equals(sme) ? "SME" : type == null ? "organisation" : switch (type) {
            case SME -> "SME";
            case LARGE_ENTERPRISE -> "company";
            case RESEARCH_ORGANISATION -> "research organisation";
            case HIGHER_EDUCATION -> "university";
            case PUBLIC_BODY -> "public body";
            case OTHER -> "organisation";
        };
        String reason = what + " in " + country;
        if (lead != null && country != null && !country.equals(lead.country())) {
            reason += ", brings a country the consortium lacks";
        }
        return reason;
    }

    /**
     * How far a past project's topic shares the call's work-programme path, 0 to 1: HORIZON-CL5-2022-D6-01-08 and
     * HORIZON-CL5-2023-D6-01-03 share programme, cluster and destination. Years are skipped: destinations recur.
     */
    static double topicSimilarity(String projectTopic, String callIdentifier) {
        if (projectTopic == null || callIdentifier == null) {
            return 0;
        }
        return topicSimilarity(TopicCodes.segments(projectTopic), TopicCodes.segments(callIdentifier));
    }

    static double topicSimilarity(List<String> project, List<String> call) {
        int shared = TopicCodes.shared(project, call);
        return shared < 2 ? 0 : (shared - 1.0) / (Math.max(call.size(), 2) - 1.0);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
