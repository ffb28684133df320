package eu.callmatch.organisations.mapping;

import eu.callmatch.members.OrganisationType;
import eu.callmatch.organisations.Organisation;
import eu.callmatch.organisations.Participation;
import eu.callmatch.organisations.Project;
import eu.callmatch.organisations.OrganisationDto;

import java.util.List;

/** Between the partner pool's entities and the API's {@link OrganisationDto}. */
public final class OrganisationMapper {

    private OrganisationMapper() {
    }

    /** The kind of organisation for a CORDIS activity type (PRC, REC, HES, PUB, OTH) and SME flag. */
    public static OrganisationType typeOf(String activityType, Boolean sme) {
        if (activityType == null) {
            return Boolean.TRUE.equals(sme) ? OrganisationType.SME : OrganisationType.OTHER;
        }
        return switch (activityType) {
            case "PRC" -> Boolean.TRUE.equals(sme) ? OrganisationType.SME : OrganisationType.LARGE_ENTERPRISE;
            case "REC" -> OrganisationType.RESEARCH_ORGANISATION;
            case "HES" -> OrganisationType.HIGHER_EDUCATION;
            case "PUB" -> OrganisationType.PUBLIC_BODY;
            default -> Boolean.TRUE.equals(sme) ? OrganisationType.SME : OrganisationType.OTHER;
        };
    }

    public static OrganisationDto toDto(Organisation o, long participationCount,
                                        List<OrganisationDto.ParticipationDto> participations) {
        return new OrganisationDto(o.pic, o.name, o.shortName, o.country, o.city, o.activityType,
                typeOf(o.activityType, o.sme), o.sme, o.url, participationCount, participations);
    }

    public static OrganisationDto.ParticipationDto toDto(Participation p) {
        Project project = p.project;
        return new OrganisationDto.ParticipationDto(project.id, project.acronym, project.title, project.objective,
                project.topic, project.topicTitle, p.role, p.ecContribution, List.copyOf(project.scienceFields),
                project.startDate, project.endDate);
    }
}
