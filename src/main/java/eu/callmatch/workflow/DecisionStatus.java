package eu.callmatch.workflow;

/** What staff decided about a call for a member. */
public enum DecisionStatus {
    SHORTLISTED, DISMISSED, CONTACTED, APPLYING, SUBMITTED;

    /** The member goes on with the call: it belongs in the pipeline and counts as a good match. */
    public boolean kept() {
        return this != DISMISSED;
    }
}
