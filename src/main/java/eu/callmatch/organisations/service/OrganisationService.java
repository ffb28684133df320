package eu.callmatch.organisations.service;

import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.paging.Page;
import eu.callmatch.common.paging.PageRequest;
import eu.callmatch.common.text.Countries;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.organisations.Organisation;
import eu.callmatch.organisations.OrganisationRepository;
import eu.callmatch.organisations.Participation;
import eu.callmatch.organisations.mapping.OrganisationMapper;
import eu.callmatch.organisations.rest.OrganisationDto;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The partner pool: reads. Writes come from the CORDIS import. */
@ApplicationScoped
public class OrganisationService {

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

    public Page<OrganisationDto> list(String country, OrganisationType type, Boolean sme, PageRequest page) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new HashMap<>();
        if (country != null) {
            where.append(" and o.country = :country");
            params.put("country", Countries.normalise(country));
        }
        if (type != null) {
            where.append(" and o.activity_type in (:activityTypes)");
            params.put("activityTypes", OrganisationMapper.activityTypesOf(type));
            if (type == OrganisationType.SME) {
                where.append(" and o.sme");
            } else if (type == OrganisationType.LARGE_ENTERPRISE) {
                where.append(" and not coalesce(o.sme, false)");
            }
        }
        if (sme != null) {
            where.append(sme ? " and o.sme" : " and not coalesce(o.sme, false)");
        }
        Query count = em.createNativeQuery("select count(*) from organisation o" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        Query ids = em.createNativeQuery("select o.pic from organisation o" + where + " order by o.name, o.pic");
        params.forEach(ids::setParameter);
        @SuppressWarnings("unchecked")
        List<String> pics = ids.setFirstResult(page.offset()).setMaxResults(page.size).getResultList();
        return new Page<>(summaries(pics), page.page, page.size, total);
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
}
