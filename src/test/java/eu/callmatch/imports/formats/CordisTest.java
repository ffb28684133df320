package eu.callmatch.imports.formats;

import eu.callmatch.organisations.CordisOrganisation;
import eu.callmatch.organisations.CordisParticipation;
import eu.callmatch.organisations.CordisProject;
import eu.callmatch.common.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CordisTest {

    static final Path BUNDLE = TestData.CORDIS_SAMPLE;
    static final String ORGANISATION_HEADER = "projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;"
            + "street;postCode;city;country;nutsCode;geolocation;organizationURL;contactForm;contentUpdateDate;rcn;order;role;"
            + "ecContribution;netEcContribution;totalCost;endOfParticipation;active\n";

    /** Keeps everything, and the order in which kinds arrived. */
    static final class Bundle implements CordisSink {
        final List<CordisProject> projects = new ArrayList<>();
        final List<CordisOrganisation> organisations = new ArrayList<>();
        final List<CordisParticipation> participations = new ArrayList<>();
        final List<String> rejected = new ArrayList<>();
        final List<String> order = new ArrayList<>();

        private void saw(String kind) {
            if (order.isEmpty() || !order.get(order.size() - 1).equals(kind)) {
                order.add(kind);
            }
        }

        @Override
        public void project(CordisProject project) {
            saw("projects");
            projects.add(project);
        }

        @Override
        public void organisation(CordisOrganisation organisation) {
            saw("organisations");
            organisations.add(organisation);
        }

        @Override
        public void participation(CordisParticipation participation) {
            saw("participations");
            participations.add(participation);
        }

        @Override
        public void reject(String file, long line, String record, String reason) {
            rejected.add(file + ":" + line + ":" + record + ":" + reason);
        }

        CordisOrganisation organisation(String pic) {
            return organisations.stream().filter(o -> o.pic().equals(pic)).findFirst().orElseThrow();
        }

        CordisProject project(String id) {
            return projects.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
        }
    }

    static Path zip(Path dir, Map<String, String> files) throws IOException {
        Path zip = dir.resolve("bundle.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (var file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void readsTheRealBundleInOrder() throws Exception {
        Bundle bundle = new Bundle();
        try (InputStream in = Files.newInputStream(BUNDLE)) {
            Cordis.readBundle(in, bundle);
        }

        assertEquals(List.of(), bundle.rejected);
        assertEquals(List.of("projects", "organisations", "participations"), bundle.order);
        assertEquals(192, bundle.projects.size());
        assertEquals(633, bundle.organisations.size());
        assertEquals(788, bundle.participations.size());
        Set<String> pics = new HashSet<>();
        bundle.organisations.forEach(o -> assertTrue(pics.add(o.pic()), "PIC twice: " + o.pic()));
        assertTrue(bundle.participations.stream().allMatch(p -> pics.contains(p.pic())));
        assertEquals(132, bundle.participations.stream().filter(p -> p.role().equals("coordinator")).count());

        CordisOrganisation athens = bundle.organisation("996825642");
        assertEquals("ECOLE FRANCAISE D'ATHENES", athens.name());
        assertEquals("GR", athens.country(), "EL is Greece");
        assertEquals(Boolean.FALSE, athens.sme());
        assertTrue(bundle.organisations.stream().noneMatch(o -> "UK".equals(o.country()) || "EL".equals(o.country())));
        assertTrue(bundle.organisations.stream().anyMatch(o -> "GB".equals(o.country())));
        assertEquals(5, bundle.organisations.stream().filter(o -> o.country() == null).count());

        CordisProject lignoSilva = bundle.project("101059552");
        assertEquals("LignoSilva", lignoSilva.acronym());
        assertEquals("HORIZON-WIDERA-2022-ACCESS-01-01-two-stage", lignoSilva.topic());
        assertEquals("Teaming for Excellence", lignoSilva.topicTitle());
        assertEquals("Horizon Europe", lignoSilva.framework());
        assertEquals(LocalDate.of(2024, 1, 1), lignoSilva.startDate());
        assertTrue(lignoSilva.objective().startsWith("The LIGNOSILVA Centre of Excellence"));

        CordisProject aiCode = bundle.project("101135437");
        assertEquals("AI-CODE", aiCode.acronym(), "acronym from organization.csv when project.csv lacks the project");
        assertNull(aiCode.title());
        assertEquals(List.of("democracy", "machine learning"), aiCode.scienceFields());
    }

    @Test
    void quirksOfOrganisationRows(@TempDir Path dir) throws Exception {
        String organisations = ORGANISATION_HEADER
                + "1;ONE;999999001;;Old Name;;false;PRC;;;Athina;EL;;;;;;;1;coordinator;\"1234,5\";;;false;\n"
                + "1;ONE;999999002;;Brit Ltd;BL;True;PRC;;;London;UK;;;;;;;2;participant;100000;;;false;\n"
                + "2;TWO;999999001;;New Name;NN;true;REC;;;Athens;EL;;;;;;;1;coordinator;;;;false;\n"
                + "2;TWO;999999003;;Nowhere;;maybe;OTH;;;;FR;;;;;;;2;participant;;;;false;\n"
                + "2;TWO;999999004;;Bad money;;false;OTH;;;;FR;;;;;;;3;participant;12 k;;;false;\n";
        Bundle bundle = new Bundle();
        Cordis.readBundle(zip(dir, Map.of(Cordis.ORGANISATIONS, organisations)), bundle);

        assertEquals(List.of("999999001", "999999002"), bundle.organisations.stream().map(CordisOrganisation::pic).toList());
        CordisOrganisation first = bundle.organisation("999999001");
        assertEquals("New Name", first.name(), "the last row wins");
        assertEquals(Boolean.TRUE, first.sme());
        assertEquals("GR", first.country());
        assertEquals(Boolean.TRUE, bundle.organisation("999999002").sme(), "True as other CORDIS files write it");
        assertEquals("GB", bundle.organisation("999999002").country());
        assertEquals(new BigDecimal("1234.5"), bundle.participations.get(0).ecContribution());
        assertEquals(3, bundle.participations.size());
        assertEquals(2, bundle.rejected.size());
        assertTrue(bundle.rejected.get(0).startsWith("organization.csv:5:"), bundle.rejected.get(0));
        assertTrue(bundle.rejected.get(1).startsWith("organization.csv:6:"), bundle.rejected.get(1));
        assertEquals(List.of("1", "2"), bundle.projects.stream().map(CordisProject::id).toList());
    }

    @Test
    void aZipWithoutOrganisationsIsAFormatError(@TempDir Path dir) throws Exception {
        Path zip = zip(dir, Map.of(Cordis.TOPICS, "projectID;topic;title\n1;HORIZON-X-01;X\n"));
        FormatException e = assertThrows(FormatException.class, () -> Cordis.readBundle(zip, new Bundle()));
        assertTrue(e.getMessage().contains("organization.csv"), e.getMessage());

        Path notZip = Files.writeString(dir.resolve("not.zip"), "projectID;topic\n");
        assertThrows(FormatException.class, () -> Cordis.readBundle(notZip, new Bundle()));
    }

    @Test
    void aBundleThatInflatesBeyondItsCapsIsTooLarge(@TempDir Path dir) throws Exception {
        String organisations = ORGANISATION_HEADER + "1;ONE;999999001;;Name;;false;PRC;;;Athina;EL;;;;;;;1;coordinator;;;;false;\n"
                .repeat(100);
        Path zip = zip(dir, Map.of(Cordis.ORGANISATIONS, organisations, Cordis.PROJECTS, "id;title\n1;One\n"));
        InputLimits entryCap = new InputLimits(1000, 1000, 1000, 5000, 1 << 20);
        InputTooLarge entry = assertThrows(InputTooLarge.class, () -> Cordis.readBundle(zip, entryCap, new Bundle()));
        assertTrue(entry.getMessage().startsWith("The zip's organization.csv inflates to " + InputLimits.number(
                organisations.length()) + " bytes; a file of the bundle may inflate to at most 5,000 bytes"), entry.getMessage());
        InputLimits totalCap = new InputLimits(1000, 1000, 1000, 1 << 20, organisations.length());
        InputTooLarge total = assertThrows(InputTooLarge.class, () -> Cordis.readBundle(zip, totalCap, new Bundle()));
        assertTrue(total.getMessage().contains("may inflate to at most"), total.getMessage());

        // a zip that declares less than it inflates to is caught as it is read, before anything is passed on
        byte[] bytes = Files.readAllBytes(zip);
        for (int i = 0; i + 28 < bytes.length; i++) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2) {
                bytes[i + 24] = 10; // the central directory's uncompressed size: 10 bytes
                bytes[i + 25] = bytes[i + 26] = bytes[i + 27] = 0;
            }
        }
        Path lying = Files.write(dir.resolve("lying.zip"), bytes);
        Bundle bundle = new Bundle();
        InputTooLarge read = assertThrows(InputTooLarge.class, () -> Cordis.readBundle(lying, entryCap, bundle));
        assertTrue(read.getMessage().contains("inflates to more than its declared size"), read.getMessage());
        assertEquals(List.of(), bundle.organisations);
    }

    @Test
    void wrongDelimiterAndMissingColumnsAreFormatErrors(@TempDir Path dir) throws Exception {
        Path commas = zip(dir, Map.of(Cordis.ORGANISATIONS, ORGANISATION_HEADER.replace(';', ',') + "1,ONE,999999001\n"));
        FormatException e = assertThrows(FormatException.class, () -> Cordis.readBundle(commas, new Bundle()));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("','"), e.getMessage());

        Path noRole = zip(dir.resolve(".."), Map.of(Cordis.ORGANISATIONS, "projectID;organisationID;name;country\n1;2;X;FR\n"));
        FormatException missing = assertThrows(FormatException.class, () -> Cordis.readBundle(noRole, new Bundle()));
        assertEquals(1, missing.line());
        assertEquals(5, missing.column());
        assertTrue(missing.getMessage().contains("[role]"), missing.getMessage());
    }

    @Test
    void readsASingleProjectFile(@TempDir Path dir) throws Exception {
        Path project = dir.resolve(Cordis.PROJECTS);
        try (var zip = new java.util.zip.ZipFile(BUNDLE.toFile()); InputStream in = zip.getInputStream(zip.getEntry(Cordis.PROJECTS));
             OutputStream out = Files.newOutputStream(project)) {
            in.transferTo(out);
        }
        Bundle bundle = new Bundle();
        Cordis.readFile(project, bundle);

        assertEquals(19, bundle.projects.size());
        assertEquals(List.of(), bundle.organisations);
        assertEquals("HORIZON-WIDERA-2022-ACCESS-01-01-two-stage", bundle.project("101059552").topic());
        assertThrows(FormatException.class, () -> Cordis.readFile(dir.resolve("members.csv"), bundle));
    }
}
