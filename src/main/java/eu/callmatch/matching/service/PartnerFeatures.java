package eu.callmatch.matching.service;

import eu.callmatch.members.OrganisationType;
import eu.callmatch.organisations.OrganisationDto;

import java.util.List;

/**
 * What is known of one organisation as a partner for one call, as numbers a {@link PartnerRanker} weighs: how close
 * its past projects are to the call (summed above the call's floor, in the whole-text and the title view, and the
 * closest one), how much of the call's work-programme path their topics share, its experience, whom it worked with,
 * and what kind of organisation it is. Every feature is 0 where there is no evidence, so a weight of 0 drops it.
 */
final class PartnerFeatures {

    static final int SIMILARITY = 0;
    static final int TITLE_SIMILARITY = 1;
    static final int TOPIC = 2;
    static final int ACTIVITY = 3;
    static final int COLLABORATION = 4;
    static final int BEST_SIMILARITY = 5;
    static final int BEST_TITLE_SIMILARITY = 6;
    static final int SAME_CLUSTER = 7;
    static final int SAME_DESTINATION = 8;
    static final int SAME_CALL = 9;
    static final int SAME_TOPIC = 10;
    static final int COORDINATED = 11;
    static final int SME = 12;
    static final int HIGHER_EDUCATION = 13;
    static final int RESEARCH_ORGANISATION = 14;
    static final int PUBLIC_BODY = 15;
    static final int COMPANY = 16;
    static final int SIMILARITY_FIXED_FLOOR = 17;
    static final int TITLE_SIMILARITY_FIXED_FLOOR = 18;

    /** The names in the learned artefact, by index. */
    static final List<String> NAMES = List.of(
            "similarity",              // sum over past projects of (cosine with the call's text - floor)+
            "title_similarity",        // the same with the call's title
            "topic",                   // sum of the squared share of the call's work-programme path
            "activity",                // log(1 + projects)
            "collaboration",           // what the call's best-scored organisations passed on (see the ranker)
            "best_similarity",         // the closest project's cosine with the call's text
            "best_title_similarity",   // ... with the call's title
            "same_cluster",            // log(1 + projects of the call's programme and cluster)
            "same_destination",        // ... and destination
            "same_call",               // ... and call
            "same_topic",              // ... and topic number (a topic recurring in another year)
            "coordinated",             // log(1 + projects coordinated)
            "sme",
            "higher_education",
            "research_organisation",
            "public_body",
            "company",
            "similarity_fixed_floor",  // as similarity, above the fixed floor only
            "title_similarity_fixed_floor");

    static final int COUNT = NAMES.size();

    private PartnerFeatures() {
    }

    /** The features of organisation {@code o}, all but {@link #COLLABORATION}, into {@code out}. */
    static void of(PartnerPool p, PartnerRelevance r, int o, double[] out) {
        double similarity = 0;
        double title = 0;
        double topic = 0;
        double best = 0;
        double bestTitle = 0;
        double fixed = 0;
        double fixedTitle = 0;
        int cluster = 0; // projects sharing the call's programme and cluster, and its destination, call, topic
        int destination = 0;
        int call = 0;
        int sameTopic = 0;
        for (int j : p.projectsOf[o]) {
            double c = r.cos()[j];
            double t = r.titleCos()[j];
            similarity += Math.max(c - r.floor(), 0);
            title += Math.max(t - r.titleFloor(), 0);
            fixed += Math.max(c - PartnerRelevance.SIMILARITY_FLOOR, 0);
            fixedTitle += Math.max(t - PartnerRelevance.SIMILARITY_FLOOR, 0);
            best = Math.max(best, c);
            bestTitle = Math.max(bestTitle, t);
            double share = r.topic()[j];
            topic += share * share; // squared: a shared cluster says little, a shared call much
            int shared = r.shared()[j];
            cluster += shared >= 2 ? 1 : 0;
            destination += shared >= 3 ? 1 : 0;
            call += shared >= 4 ? 1 : 0;
            sameTopic += shared >= 5 ? 1 : 0;
        }
        OrganisationDto org = p.organisations.get(o);
        OrganisationType type = org.organisationType();
        out[SIMILARITY] = similarity;
        out[TITLE_SIMILARITY] = title;
        out[TOPIC] = topic;
        out[ACTIVITY] = Math.log1p(p.projectsOf[o].length);
        out[COLLABORATION] = 0;
        out[BEST_SIMILARITY] = best;
        out[BEST_TITLE_SIMILARITY] = bestTitle;
        out[SAME_CLUSTER] = Math.log1p(cluster);
        out[SAME_DESTINATION] = Math.log1p(destination);
        out[SAME_CALL] = Math.log1p(call);
        out[SAME_TOPIC] = Math.log1p(sameTopic);
        out[COORDINATED] = Math.log1p(p.coordinated[o]);
        out[SME] = Boolean.TRUE.equals(org.sme()) || type == OrganisationType.SME ? 1 : 0;
        out[HIGHER_EDUCATION] = type == OrganisationType.HIGHER_EDUCATION ? 1 : 0;
        out[RESEARCH_ORGANISATION] = type == OrganisationType.RESEARCH_ORGANISATION ? 1 : 0;
        out[PUBLIC_BODY] = type == OrganisationType.PUBLIC_BODY ? 1 : 0;
        out[COMPANY] = type == OrganisationType.LARGE_ENTERPRISE || type == OrganisationType.SME ? 1 : 0;
        out[SIMILARITY_FIXED_FLOOR] = fixed;
        out[TITLE_SIMILARITY_FIXED_FLOOR] = fixedTitle;
    }

    /** Whether the organisation's past projects say anything of the call: the candidates of the first stage. */
    static boolean evidence(double[] features) {
        return features[SIMILARITY] > 0 || features[TITLE_SIMILARITY] > 0 || features[TOPIC] > 0;
    }

    /**
     * Per organisation, what the seeds passed on: each seed's score shared out over its projects, a share to every
     * partner it had in each, damped by the square root of the receiver's number of projects (a hub works with
     * everyone). Seeds with no positive score pass nothing.
     */
    static double[] collaboration(PartnerPool p, int[] seeds, double[] seedScores) {
        double[] received = new double[p.organisations.size()];
        for (int i = 0; i < seeds.length; i++) {
            int a = seeds[i];
            if (seedScores[i] <= 0 || p.projectsOf[a].length == 0) {
                continue;
            }
            double share = seedScores[i] / p.projectsOf[a].length;
            for (int j : p.projectsOf[a]) {
                for (int b : p.organisationsOf[j]) {
                    if (b != a) {
                        received[b] += share;
                    }
                }
            }
        }
        for (int b = 0; b < received.length; b++) {
            if (received[b] > 0) {
                received[b] /= Math.sqrt(p.projectsOf[b].length);
            }
        }
        return received;
    }
}
