package eu.callmatch.matching.service;

import eu.callmatch.matching.PartnerMatchDto;
import eu.callmatch.matching.PartnerMatchDto.Evidence;
import eu.callmatch.matching.PartnerMatchDto.Kind;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.members.MemberDto;
import eu.callmatch.organisations.OrganisationDto;
import eu.callmatch.organisations.service.OrganisationService.PoolProject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Why a candidate is suggested, in the words the helpdesk reads: its similar past projects (coordinated or taken
 * part in, named), its projects in the call's work-programme area, whom among the call's best-matched organisations it
 * worked with and in which projects, its experience and profile. The evidence named is what the ranking weighed.
 */
final class PartnerReasons {

    /** A project this close counts as "similar" in the reasons. */
    static final double SIMILAR = 0.5;
    /** A project whose topic shares this much of the call's work-programme path is "in the call's area". */
    static final double SAME_AREA = 0.5;

    private PartnerReasons() {
    }

    static PartnerMatchDto organisation(PartnerPool p, int o, double score, PartnerRelevance r, Set<Integer> seeds,
                                        MemberDto lead) {
        double[] topic = r.topic();
        OrganisationDto org = p.organisations.get(o);
        int[] projects = p.projectsOf[o];
        String[] roles = p.rolesOf[o];
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < projects.length; k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingDouble((Integer k) -> r.closeness(projects[k]) + topic[projects[k]]).reversed());
        List<String> coordinated = new ArrayList<>();
        List<String> tookPart = new ArrayList<>();
        int sameArea = 0;
        for (int k : order) {
            PoolProject pr = p.projects.get(projects[k]);
            if (topic[projects[k]] >= SAME_AREA) {
                sameArea++;
            }
            if (r.closeness(projects[k]) >= SIMILAR || topic[projects[k]] >= SAME_AREA) {
                (("coordinator".equalsIgnoreCase(roles[k])) ? coordinated : tookPart)
                        .add(Objects.toString(pr.acronym(), pr.id()));
            }
        }
        List<String> reasons = new ArrayList<>();
        if (!coordinated.isEmpty()) {
            reasons.add("coordinated " + count(coordinated.size(), "project") + " under similar topics ("
                    + String.join(", ", coordinated.subList(0, Math.min(3, coordinated.size()))) + ")");
        }
        if (!tookPart.isEmpty()) {
            reasons.add("took part in " + count(tookPart.size(), "project") + " close to the call ("
                    + String.join(", ", tookPart.subList(0, Math.min(3, tookPart.size()))) + ")");
        }
        if (sameArea > 0) {
            reasons.add(count(sameArea, "past project") + " in the call's work-programme area");
        }
        String collaboration = collaboration(p, o, seeds);
        if (collaboration != null) {
            reasons.add(collaboration);
        }
        reasons.add(count(projects.length, "EU project") + " in all");
        reasons.add(profile(org.organisationType(), org.sme(), org.country(), lead));
        List<Evidence> evidence = order.stream().limit(3).map(k -> {
            PoolProject pr = p.projects.get(projects[k]);
            return new Evidence(pr.id(), pr.acronym(), pr.title(), pr.topic(), roles[k]);
        }).toList();
        return new PartnerMatchDto(Kind.ORGANISATION, org.pic(), org.pic(), org.name(), org.country(),
                org.organisationType(), org.sme(), round(score), reasons, evidence);
    }

    /** "worked with A, B (among the call's best-matched organisations) in ACRONYM1, ACRONYM2", or null. */
    static String collaboration(PartnerPool p, int o, Set<Integer> seeds) {
        Set<String> partners = new LinkedHashSet<>();
        Set<String> together = new LinkedHashSet<>();
        for (int j : p.projectsOf[o]) {
            for (int b : p.organisationsOf[j]) {
                if (b != o && seeds.contains(b)) {
                    partners.add(p.organisations.get(b).name());
                    PoolProject pr = p.projects.get(j);
                    together.add(Objects.toString(pr.acronym(), pr.id()));
                }
            }
        }
        if (partners.isEmpty()) {
            return null;
        }
        return "worked with " + String.join(", ", partners.stream().limit(2).toList())
                + (partners.size() > 2 ? " and " + (partners.size() - 2) + " more" : "")
                + " (among the call's best-matched organisations) in " + String.join(", ", together.stream().limit(3).toList())
                + (together.size() > 3 ? " and " + (together.size() - 3) + " more" : "");
    }

    /** "university in DE", with ", brings a country the consortium lacks" when the lead is elsewhere. */
    static String profile(OrganisationType type, Boolean sme, String country, MemberDto lead) {
        String what = Boolean.TRUE.equals(sme) ? "SME" : type == null ? "organisation" : switch (type) {
            case SME -> "SME";
            case LARGE_ENTERPRISE -> "company";
            case RESEARCH_ORGANISATION -> "research organisation";
            case HIGHER_EDUCATION -> "university";
            case PUBLIC_BODY -> "public body";
            case OTHER -> "organisation";
        };
        String reason = what + " in " + country;
        if (lead != null && country != null && !country.equals(lead.country())) {
            reason += ", brings a country the consortium lacks";
        }
        return reason;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
