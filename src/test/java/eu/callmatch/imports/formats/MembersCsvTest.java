package eu.callmatch.imports.formats;

import eu.callmatch.members.OrganisationType;
import eu.callmatch.members.MemberDto;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MembersCsvTest {

    static final String HEADER = String.join(",", MembersCsv.HEADER) + "\n";

    @Test
    void readsMembersWithListsAndContacts() {
        String csv = "\uFEFF" + HEADER
                + "crm-1,Blue Hull Robotics SAS,999123456,FR,FRL04,SME,\"Underwater drones,\nfor ports\","
                + "underwater robotics; hull inspection,C28.99|M71.12,Horizon Europe;EMFAF,Claire Martin,claire@example.com,+33 4 91,FR\n"
                + ",Aristotle University,,EL,,higher education,,,,,,,,\n"
                + ",Met Office,,UK,,PUB,,,,,,,,\n";
        Collected<MemberDto> members = Collected.of(csv, MembersCsv::read);

        assertEquals(List.of(), members.rejected);
        assertEquals(List.of(2L, 4L, 5L), members.accepted.stream().map(Collected.Accepted::line).toList());
        MemberDto blueHull = members.records().get(0);
        assertEquals("crm-1", blueHull.externalId());
        assertEquals("999123456", blueHull.pic());
        assertEquals(OrganisationType.SME, blueHull.organisationType());
        assertEquals("Underwater drones,\nfor ports", blueHull.description());
        assertEquals(List.of("underwater robotics", "hull inspection"), blueHull.keywords());
        assertEquals(List.of("C28.99", "M71.12"), blueHull.sectors());
        assertEquals(List.of("Horizon Europe", "EMFAF"), blueHull.programmes());
        assertEquals(new MemberDto.ContactDto("Claire Martin", "claire@example.com", "+33 4 91"), blueHull.contact());
        assertEquals("fr", blueHull.language(), "the language column, in either case");
        MemberDto auth = members.records().get(1);
        assertEquals("GR", auth.country());
        assertNull(auth.language(), "no language given: the service detects it");
        assertEquals(OrganisationType.HIGHER_EDUCATION, auth.organisationType());
        assertNull(auth.externalId());
        assertNull(auth.contact());
        assertEquals("GB", members.records().get(2).country());
        assertEquals(OrganisationType.PUBLIC_BODY, members.records().get(2).organisationType());
    }

    @Test
    void columnsInAnyOrderAndOptionalOnesAbsent() {
        Collected<MemberDto> members = Collected.of("organisationType,country,name\nRESEARCH_ORGANISATION,de,Fraunhofer\n",
                MembersCsv::read);
        assertEquals("DE", members.records().get(0).country());
        assertEquals(OrganisationType.RESEARCH_ORGANISATION, members.records().get(0).organisationType());
    }

    @Test
    void badRowsAreRejectedWithTheirLine() {
        String csv = "name,country,organisationType\n"
                + "Good,FR,SME\n"
                + ",FR,SME\n"
                + "No Country,,SME\n"
                + "Atlantis Ltd,ZZ,SME\n"
                + "Odd Kind,FR,COOPERATIVE\n"
                + "Too,Many,Fields,Here\n"
                + "Also Good,IT,other\n";
        Collected<MemberDto> members = Collected.of(csv, MembersCsv::read);

        assertEquals(List.of("Good", "Also Good"), members.records().stream().map(MemberDto::name).toList());
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), members.rejected.stream().map(Collected.Rejected::line).toList());
        assertEquals("no name", members.rejected.get(0).reason());
        assertEquals("no country", members.rejected.get(1).reason());
        assertTrue(members.rejected.get(2).reason().contains("ZZ"));
        assertTrue(members.rejected.get(3).reason().contains("COOPERATIVE"));
    }

    @Test
    void aLanguageOutsideTheSupportedOnesRejectsItsRow() {
        Collected<MemberDto> members = Collected.of("name,country,organisationType,language\n"
                + "Pôle Mer,FR,SME,fr\nLisboa Mar,PT,SME,pt\n", MembersCsv::read);
        assertEquals(List.of("Pôle Mer"), members.records().stream().map(MemberDto::name).toList());
        assertEquals(List.of(3L), members.rejected.stream().map(Collected.Rejected::line).toList());
        assertEquals("unknown language 'pt' (one of en, fr, es, ca, de, it)", members.rejected.get(0).reason());
    }

    @Test
    void aHeaderWithoutRequiredColumnsOrWithSemicolonsIsAFormatError() {
        FormatException missing = assertThrows(FormatException.class,
                () -> Collected.<MemberDto>of("name,country,type\nX,FR,SME\n", MembersCsv::read));
        assertEquals(1, missing.line());
        assertEquals(4, missing.column());
        assertTrue(missing.getMessage().contains("organisationType"), missing.getMessage());

        FormatException semicolons = assertThrows(FormatException.class,
                () -> Collected.<MemberDto>of(HEADER.replace(',', ';') + "x;y\n", MembersCsv::read));
        assertEquals(1, semicolons.line());
        assertEquals(11, semicolons.column());
    }

    @Test
    void anUnterminatedQuoteIsAFormatError() {
        FormatException e = assertThrows(FormatException.class,
                () -> Collected.<MemberDto>of("name,country,organisationType\nA,FR,SME\n\"B,FR,SME\nC,FR,SME\n", MembersCsv::read));
        assertEquals(3, e.line());
    }
}
