package eu.callmatch.organisations;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;

/** An organisation's part in a project: its role and EU contribution. */
@Entity
@Table(name = "participation")
public class Participation {

    @EmbeddedId
    public Key key;

    @MapsId("organisationPic")
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "organisation_pic")
    public Organisation organisation;

    @MapsId("projectId")
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "project_id")
    public Project project;

    /** coordinator, participant, partner, associatedPartner, thirdParty (as CORDIS writes them). */
    public String role;
    public BigDecimal ecContribution;

    @Embeddable
    public record Key(String organisationPic, String projectId) implements Serializable {
    }
}
