package eu.callmatch.organisations;

import java.math.BigDecimal;

/** An organisation's part in a project: coordinator, participant, associatedPartner or thirdParty. */
public record CordisParticipation(String pic, String projectId, String role, BigDecimal ecContribution) {
}
