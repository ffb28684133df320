package eu.callmatch.organisations;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** An organisation of the partner pool (a CORDIS participant), by its PIC. */
@Entity
@Table(name = "organisation")
public class Organisation {

    @Id
    public String pic;
    public String name;
    public String shortName;
    public String country;
    public String city;
    /** CORDIS activity type: PRC (private company), REC (research), HES (higher education), PUB (public), OTH. */
    public String activityType;
    public Boolean sme;
    public String url;
    public String contentHash;
    public OffsetDateTime createdAt;
    public OffsetDateTime updatedAt;

    @OneToMany(mappedBy = "organisation")
    public List<Participation> participations = new ArrayList<>();
}
