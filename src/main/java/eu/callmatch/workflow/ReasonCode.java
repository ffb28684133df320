package eu.callmatch.workflow;

/** Why a call was dismissed for a member. */
public enum ReasonCode {
    NOT_ELIGIBLE, NOT_RELEVANT, NO_CAPACITY, OTHER;

    /** Whether the dismissal says the call's topic is not for the member (no capacity says nothing about it). */
    public boolean aboutTheTopic() {
        return this != NO_CAPACITY;
    }
}
