package eu.callmatch.matching.service;

import eu.callmatch.calls.CallDto;
import eu.callmatch.calls.service.CallService;
import eu.callmatch.matching.ConsortiumDto;
import eu.callmatch.matching.PartnerMatchDto;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.members.MemberDto;
import eu.callmatch.members.service.MemberService;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A consortium around a lead member: the call's minimum (RIA and IA: three independent legal entities from three
 * eligible countries, one at least an EU member state), then complementary roles (research, industry, an end user or
 * public body), each pick the best-scored partner that adds what is missing.
 */
@ApplicationScoped
public class ConsortiumService {

    /** How many candidates the picks are taken from. */
    static final int POOL = 200;

    private final CallService calls;
    private final MemberService members;
    private final PartnerMatchService partners;
    private final MatchingConfig config;

    ConsortiumService(CallService calls, MemberService members, PartnerMatchService partners, MatchingConfig config) {
        this.calls = calls;
        this.members = members;
        this.partners = partners;
        this.config = config;
    }

    public ConsortiumDto propose(String callIdentifier, long leadId, Integer size) {
        CallDto call = calls.get(callIdentifier);
        MemberDto lead = members.get(leadId);
        int minimum = minimumSize(call);
        int target = Math.max(minimum, size == null ? Math.max(minimum, 4) : size);
        List<PartnerMatchService.Scored> candidates = partners.scored(call, lead, new PartnerMatchService.Request(
                callIdentifier, leadId, PartnerMatchService.Source.ALL, null, null, POOL), POOL).items();
        return assemble(call, lead, minimum, target, candidates, Set.copyOf(config.eligibleCountries()),
                Set.copyOf(config.memberStates()));
    }

    /** Picks partners from the scored candidates, best first, each adding what the consortium still lacks. */
    static ConsortiumDto assemble(CallDto call, MemberDto lead, int minimum, int target,
                                  List<PartnerMatchService.Scored> candidates, Set<String> eligibleCountries,
                                  Set<String> memberStates) {

        Set<String> countries = new LinkedHashSet<>();
        countries.add(lead.country());
        Set<String> roles = new LinkedHashSet<>();
        roles.add(role(lead.organisationType()));
        List<ConsortiumDto.Pick> picks = new ArrayList<>();
        Set<String> taken = new java.util.HashSet<>();
        while (picks.size() + 1 < target) {
            ConsortiumDto.Pick best = null;
            for (PartnerMatchService.Scored c : candidates) {
                PartnerMatchDto p = c.dto();
                if (taken.contains(p.kind() + p.id()) || p.country() == null
                        || !eligibleCountries.contains(p.country())) {
                    continue;
                }
                String role = role(p.organisationType());
                boolean needCountry = minimum >= 3 && countries.size() < 3;
                boolean newCountry = !countries.contains(p.country());
                boolean newRole = !roles.contains(role);
                if (needCountry && !newCountry) {
                    continue;
                }
                String why = (newRole ? "adds the " + role + " role" : "strengthens the " + role + " side")
                        + (newCountry ? ", brings " + p.country() + ", a country the consortium lacks" : "")
                        + (p.reasons().isEmpty() ? "" : "; " + p.reasons().get(0));
                ConsortiumDto.Pick pick = new ConsortiumDto.Pick(p, role, why);
                if (newRole || roles.size() >= 3) {
                    best = pick;
                    break;
                }
                if (best == null) {
                    best = pick; // the best-scored one, if none adds a role
                }
            }
            if (best == null) {
                break;
            }
            picks.add(best);
            taken.add(best.partner().kind() + best.partner().id());
            countries.add(best.partner().country());
            roles.add(best.role());
        }
        List<String> missing = new ArrayList<>();
        if (picks.size() + 1 < minimum) {
            missing.add("the pool has too few eligible partners: " + (picks.size() + 1) + " of the " + minimum
                    + " legal entities the call needs");
        }
        if (minimum >= 3 && countries.size() < 3) {
            missing.add("only " + countries.size() + " eligible countries; the call needs 3");
        }
        if (minimum >= 3 && countries.stream().noneMatch(memberStates::contains)) {
            missing.add("no partner from an EU member state");
        }
        for (String role : List.of("research", "industry", "end user or public body")) {
            if (!roles.contains(role)) {
                missing.add("no " + role + " partner found");
            }
        }
        PartnerMatchDto leadDto = new PartnerMatchDto(PartnerMatchDto.Kind.MEMBER, String.valueOf(lead.id()), lead.pic(),
                lead.name(), lead.country(), lead.organisationType(), lead.organisationType() == OrganisationType.SME,
                0, List.of("the lead"), List.of());
        return new ConsortiumDto(call.identifier(), leadDto, minimum, picks, List.copyOf(countries), missing);
    }

    /** RIA and IA need three entities from three countries; CSAs and the rest, one. */
    static int minimumSize(CallDto call) {
        String type = call.actionType() == null ? "" : call.actionType().toUpperCase(Locale.ROOT);
        return type.contains("RIA") || type.contains("-IA") || type.equals("IA") || type.contains("INNOVATION ACTION")
                || type.contains("RESEARCH AND INNOVATION") ? 3 : 1;
    }

    static String role(OrganisationType type) {
        if (type == null) {
            return "other";
        }
        return switch (type) {
            case RESEARCH_ORGANISATION, HIGHER_EDUCATION -> "research";
            case SME, LARGE_ENTERPRISE -> "industry";
            case PUBLIC_BODY, OTHER -> "end user or public body";
        };
    }
}
