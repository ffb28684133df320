package eu.callmatch.training;

import java.util.Locale;

/**
 * The split of the training material by topic: every project, case and pair of one topic falls on the same side, so
 * that no validation figure comes from a topic the learning saw. A fifth of the topics validate, by a hash of the
 * identifier that does not depend on the order of the files or on the run.
 */
public final class TopicSplit {

    /** One topic in this many is a validation topic. */
    static final int FOLDS = 5;

    private TopicSplit() {
    }

    public static boolean validation(String topic) {
        return fold(topic) == 0;
    }

    /**
     * The topic's fold, 0 to {@value #FOLDS} - 1: fold 0 is the validation side; the other folds take their turn
     * as validation in cross-validation.
     */
    public static int fold(String topic) {
        return Math.floorMod(topic.toUpperCase(Locale.ROOT).strip().hashCode(), FOLDS);
    }

    public static boolean training(String topic) {
        return !validation(topic);
    }
}
