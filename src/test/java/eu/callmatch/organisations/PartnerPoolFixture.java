package eu.callmatch.organisations;

import jakarta.persistence.EntityManager;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Writes a small partner pool straight into the database, as a CORDIS import would (call within a transaction). */
public final class PartnerPoolFixture {

    private final EntityManager em;
    private final OffsetDateTime now = OffsetDateTime.now();

    public PartnerPoolFixture(EntityManager em) {
        this.em = em;
    }

    public Organisation organisation(String pic, String name, String country, String activityType, boolean sme) {
        Organisation o = new Organisation();
        o.pic = pic;
        o.name = name;
        o.country = country;
        o.activityType = activityType;
        o.sme = sme;
        o.createdAt = o.updatedAt = now;
        em.persist(o);
        return o;
    }

    public Project project(String id, String acronym, String title, String topic, LocalDate start,
                           List<String> scienceFields) {
        Project p = new Project();
        p.id = id;
        p.acronym = acronym;
        p.title = title;
        p.topic = topic;
        p.startDate = start;
        p.scienceFields = scienceFields;
        p.createdAt = p.updatedAt = now;
        em.persist(p);
        return p;
    }

    public void participate(Organisation o, Project p, String role, BigDecimal contribution) {
        Participation participation = new Participation();
        participation.key = new Participation.Key(o.pic, p.id);
        participation.organisation = o;
        participation.project = p;
        participation.role = role;
        participation.ecContribution = contribution;
        em.persist(participation);
    }
}
