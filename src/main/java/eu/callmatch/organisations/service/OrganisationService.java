package eu.callmatch.organisations.service;

import eu.callmatch.common.error.ProblemException;
import eu.callmatch.organisations.Organisation;
import eu.callmatch.organisations.OrganisationDto;
import eu.callmatch.organisations.OrganisationRepository;
import eu.callmatch.organisations.Participation;
import eu.callmatch.organisations.mapping.OrganisationMapper;
import eu.callmatch.search.IndexSource;
import eu.callmatch.search.IndexedOrganisation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The partner pool: reads. Its writes are {@link PartnerPoolService}'s. */
@ApplicationScoped
public class OrganisationService implements IndexSource<IndexedOrganisation> {

    private final OrganisationRepository organisations;
    private final EntityManager em;

    OrganisationService(OrganisationRepository organisations, EntityManager em) {
        this.organisations = organisations;
        this.em = em;
    }

    public OrganisationDto get(String pic) {
        Organisation o = organisations.findById(pic);
        if (o == null) {
            throw ProblemException.notFound("Organisation", pic);
        }
        List<Participation> participations = em.createQuery(
                        "select p from Participation p join fetch p.project where p.organisation.pic = ?1",
                        Participation.class)
                .setParameter(1, pic).getResultList();
        List<OrganisationDto.ParticipationDto> items = participations.stream()
                .sorted(Comparator.comparing((Participation p) -> p.project.startDate,
                        Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(p -> p.project.id))
                .map(OrganisationMapper::toDto).toList();
        return OrganisationMapper.toDto(o, items.size(), items);
    }

    /** The organisations with these PICs that exist, each with all its participations: what the index holds. */
    public Map<String, OrganisationDto> withParticipations(java.util.Collection<String> pics) {
        if (pics.isEmpty()) {
            return Map.of();
        }
        List<String> keys = List.copyOf(pics);
        Map<String, List<OrganisationDto.ParticipationDto>> byPic = new HashMap<>();
        for (Participation p : em.createQuery("select p from Participation p join fetch p.project "
                + "where p.organisation.pic in ?1", Participation.class).setParameter(1, keys).getResultList()) {
            byPic.computeIfAbsent(p.key.organisationPic(), k -> new java.util.ArrayList<>()).add(OrganisationMapper.toDto(p));
        }
        return organisations.list("pic in ?1", keys).stream().collect(Collectors.toMap(o -> o.pic, o -> {
            List<OrganisationDto.ParticipationDto> own = byPic.getOrDefault(o.pic, List.of());
            return OrganisationMapper.toDto(o, own.size(), own);
        }));
    }

    /** PICs in order after {@code after} (null: from the start). */
    public List<String> picsAfter(String after, int limit) {
        return em.createQuery("select o.pic from Organisation o where o.pic > ?1 order by o.pic",
                String.class).setParameter(1, after == null ? "" : after).setMaxResults(limit).getResultList();
    }

    /** The organisations' indexable records: see {@link IndexSource}. */
    @Override
    public Map<String, IndexedOrganisation> records(java.util.Collection<String> keys) {
        return java.util.Collections.unmodifiableMap(withParticipations(keys));
    }

    @Override
    public List<String> keysAfter(String after, int limit) {
        return picsAfter(after, limit);
    }

    @Override
    public long count() {
        return organisations.count();
    }

    /** The organisations with these PICs, in this order, each with its number of participations. */
    public List<OrganisationDto> summaries(List<String> pics) {
        if (pics.isEmpty()) {
            return List.of();
        }
        Map<String, Organisation> byPic = organisations.list("pic in ?1", pics).stream()
                .collect(Collectors.toMap(o -> o.pic, Function.identity()));
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : em.createQuery("select p.organisation.pic, count(p) from Participation p "
                + "where p.organisation.pic in ?1 group by p.organisation.pic", Object[].class)
                .setParameter(1, pics).getResultList()) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return pics.stream().map(byPic::get).filter(java.util.Objects::nonNull)
                .map(o -> OrganisationMapper.toDto(o, counts.getOrDefault(o.pic, 0L), null)).toList();
    }

    /** A project of the pool, with what its text vector is computed from (for partner matching). */
    public record PoolProject(String id, String acronym, String title, String objective, String topic,
                              String topicTitle, List<String> scienceFields, String contentHash) {
    }

    /** Who took part in which project, in which role. */
    public record PoolParticipation(String pic, String projectId, String role) {
    }

    /** Every project of the pool. */
    @jakarta.transaction.Transactional
    public List<PoolProject> poolProjects() {
        return em.createQuery("select p.id, p.acronym, p.title, p.objective, p.topic, p.topicTitle, p.scienceFields, "
                        + "p.contentHash from Project p", Object[].class).getResultList().stream()
                .map(r -> new PoolProject((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                        (String) r[5], strings(r[6]), (String) r[7]))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object array) {
        if (array instanceof String[] values) {
            return java.util.Arrays.stream(values).filter(java.util.Objects::nonNull).toList();
        }
        return array == null ? List.of() : ((List<String>) array).stream().filter(java.util.Objects::nonNull).toList();
    }

    /** Every participation of the pool. */
    @jakarta.transaction.Transactional
    public List<PoolParticipation> poolParticipations() {
        return em.createQuery("select new eu.callmatch.organisations.service.OrganisationService$PoolParticipation("
                + "p.key.organisationPic, p.key.projectId, p.role) from Participation p", PoolParticipation.class)
                .getResultList();
    }

    /** Every organisation of the pool, without participations, each with its number of participations. */
    @jakarta.transaction.Transactional
    public List<OrganisationDto> poolOrganisations() {
        Map<String, Long> counts = new HashMap<>();
        for (Object[] row : em.createQuery("select p.organisation.pic, count(p) from Participation p "
                + "group by p.organisation.pic", Object[].class).getResultList()) {
            counts.put((String) row[0], (Long) row[1]);
        }
        return organisations.listAll().stream()
                .map(o -> OrganisationMapper.toDto(o, counts.getOrDefault(o.pic, 0L), null)).toList();
    }

    /** A project of an organisation's record: its topic and its acronym (its id where it has none). */
    public record RecordProject(String topic, String project) {
    }

    /**
     * An organisation's EU record: its projects' topics, and its partners' other projects' topics with the project
     * through which they are partners.
     */
    public record EuRecord(List<RecordProject> own, List<RecordProject> partners) {
    }

    /** At most this many of the partners' projects are read: a university's partners did thousands. */
    public static final int RECORD_PARTNERS = 5000;

    /**
     * The record of the organisation with this PIC, from the pool: empty when it is not in it. Distinct pairs, in
     * the order of topic and project, so that a cut list is always the same.
     */
    @jakarta.transaction.Transactional
    @SuppressWarnings("unchecked")
    public EuRecord record(String pic) {
        List<Object[]> own = em.createNativeQuery("""
                select distinct pr.topic, coalesce(pr.acronym, pr.id) from participation pa
                join project pr on pr.id = pa.project_id
                where pa.organisation_pic = ?1 and pr.topic is not null
                order by 1, 2""").setParameter(1, pic).getResultList();
        if (own.isEmpty()) {
            return new EuRecord(List.of(), List.of());
        }
        List<Object[]> partners = em.createNativeQuery("""
                select distinct other.topic, coalesce(pr.acronym, pr.id) from participation pa
                join project pr on pr.id = pa.project_id
                join participation partner on partner.project_id = pa.project_id and partner.organisation_pic <> ?1
                join participation elsewhere on elsewhere.organisation_pic = partner.organisation_pic
                    and elsewhere.project_id <> pa.project_id
                join project other on other.id = elsewhere.project_id
                where pa.organisation_pic = ?1 and other.topic is not null
                order by 1, 2
                limit ?2""").setParameter(1, pic).setParameter(2, RECORD_PARTNERS).getResultList();
        return new EuRecord(projects(own), projects(partners));
    }

    private static List<RecordProject> projects(List<Object[]> rows) {
        return rows.stream().map(r -> new RecordProject((String) r[0], (String) r[1])).toList();
    }
}
