package eu.callmatch.matching.rest;

import eu.callmatch.matching.CallMatchDto;
import eu.callmatch.matching.PartnerMatchDto;
import eu.callmatch.common.spreadsheet.Representation;
import eu.callmatch.common.spreadsheet.Table;

import java.util.List;

import static eu.callmatch.common.spreadsheet.Table.column;

/** Call matches and partner matches as spreadsheets, a row a match, best first. */
final class MatchingSheets {

    static final String CALL_MATCHES_CSV = "score,identifier,title,programme,actionType,status,deadlines,"
            + "budgetMin,budgetMax,reasons,url\r\n0.83,HORIZON-CL5-2026-D3-01-01,Floating offshore wind,Horizon Europe,"
            + "HORIZON-RIA,OPEN,2026-12-09,3000000,5000000,\"your terms 'offshore', 'wind' in the title\nopen to SMEs\","
            + "https://ec.europa.eu/\r\n";
    static final String PARTNER_MATCHES_CSV = "kind,id,pic,name,country,organisationType,sme,score,reasons,"
            + "projects\r\nORGANISATION,999993274,999993274,FUNDACION TECNALIA RESEARCH & INNOVATION,ES,"
            + "RESEARCH_ORGANISATION,false,1.42,coordinated 2 projects under similar topics (OVERHEAT),"
            + "OVERHEAT (HORIZON-CL5-2022-D6-01-08)\r\n";
    /** What the spreadsheets say, for the operations' descriptions. */
    static final String FORMATS = " As JSON, or as CSV or XLSX (by the format parameter or the Accept header: "
            + Representation.TEXT_CSV + ", " + Representation.XLSX + "), a row a match, its reasons one a line.";

    private MatchingSheets() {
    }

    static Table callMatches(List<CallMatchDto> items) {
        return Table.of("Call matches", items,
                column("score", CallMatchDto::score),
                column("identifier", (CallMatchDto m) -> m.call().identifier()),
                column("title", (CallMatchDto m) -> m.call().title()),
                column("programme", (CallMatchDto m) -> m.call().programme()),
                column("actionType", (CallMatchDto m) -> m.call().actionType()),
                column("status", (CallMatchDto m) -> m.call().status()),
                column("deadlines", (CallMatchDto m) -> m.call().deadlines()),
                column("budgetMin", (CallMatchDto m) -> m.call().budgetMin()),
                column("budgetMax", (CallMatchDto m) -> m.call().budgetMax()),
                column("reasons", CallMatchDto::reasons),
                column("url", (CallMatchDto m) -> m.call().url()));
    }

    static Table partnerMatches(List<PartnerMatchDto> items) {
        return Table.of("Partner matches", items,
                column("kind", PartnerMatchDto::kind),
                column("id", PartnerMatchDto::id),
                column("pic", PartnerMatchDto::pic),
                column("name", PartnerMatchDto::name),
                column("country", PartnerMatchDto::country),
                column("organisationType", PartnerMatchDto::organisationType),
                column("sme", PartnerMatchDto::sme),
                column("score", PartnerMatchDto::score),
                column("reasons", PartnerMatchDto::reasons),
                column("projects", (PartnerMatchDto p) -> p.evidence() == null ? null : p.evidence().stream()
                        .map(e -> (e.acronym() != null ? e.acronym() : e.projectId())
                                + (e.topic() != null ? " (" + e.topic() + ")" : "")).toList()));
    }
}
