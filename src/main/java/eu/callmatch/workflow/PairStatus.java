package eu.callmatch.workflow;

/** Where a member-call pair stands: NEW until staff decide, then the last decision. */
public enum PairStatus {
    NEW, SHORTLISTED, DISMISSED, CONTACTED, APPLYING, SUBMITTED;

    public static PairStatus of(DecisionStatus decision) {
        return valueOf(decision.name());
    }
}
