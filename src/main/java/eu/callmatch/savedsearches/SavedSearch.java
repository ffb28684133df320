package eu.callmatch.savedsearches;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A staff user's named call search: the filters of GET /calls, checked after every calls import. */
@Entity
@Table(name = "saved_search")
public class SavedSearch {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String owner;
    public String name;
    public String q;
    public String programme;
    public String status;
    public String actionType;
    public String cluster;
    public LocalDate deadlineFrom;
    public LocalDate deadlineTo;
    public Long budgetMin;
    /** Whether its new hits go in the owner's daily saved-search e-mail. */
    public boolean digest = true;
    public OffsetDateTime createdAt;
}
