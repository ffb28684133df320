package eu.callmatch.imports.formats;

import eu.callmatch.common.text.Countries;
import eu.callmatch.common.text.Languages;
import eu.callmatch.members.OrganisationType;
import eu.callmatch.members.MemberDto;

import java.io.Reader;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code members-csv}: the cluster's members, comma-separated (RFC 4180, UTF-8, optional BOM), columns by name in
 * any order:
 *
 * <pre>
 * externalId,name,pic,country,region,organisationType,description,keywords,sectors,programmes,contactName,contactEmail,contactPhone
 * </pre>
 *
 * <ul>
 *   <li>required columns and values: {@code name}, {@code country}, {@code organisationType}; the others may be
 *       absent or blank;</li>
 *   <li>{@code country}: ISO 3166 alpha-2, the EU's EL and UK accepted (stored as GR and GB);</li>
 *   <li>{@code organisationType}: SME, LARGE_ENTERPRISE, RESEARCH_ORGANISATION, HIGHER_EDUCATION, PUBLIC_BODY,
 *       OTHER (any case; spaces and dashes count as underscores), or the CORDIS activity types PRC (→ OTHER,
 *       a company of unknown size), REC, HES, PUB, OTH;</li>
 *   <li>{@code keywords}, {@code sectors} (NACE codes), {@code programmes}: lists separated by {@code ;} or
 *       {@code |}.</li>
 * </ul>
 * Other checks (PIC and e-mail shapes, sizes) are the API's validation, done by the importer.
 */
public final class MembersCsv {

    public static final String FORMAT = "members-csv";
    public static final List<String> HEADER = List.of("externalId", "name", "pic", "country", "region", "organisationType",
            "description", "keywords", "sectors", "programmes", "contactName", "contactEmail", "contactPhone", "language");

    private static final Set<String> REQUIRED = Set.of("name", "country", "organisationType");

    private MembersCsv() {
    }

    /** {@link #read(Reader, InputLimits, RecordSink)} with the default limits. */
    public static void read(Reader csv, RecordSink<MemberDto> sink) {
        read(csv, InputLimits.DEFAULTS, sink);
    }

    /** @throws FormatException when a required column is missing or the quoting is broken */
    public static void read(Reader csv, InputLimits limits, RecordSink<MemberDto> sink) {
        CsvInput.read(csv, ',', REQUIRED, FORMAT, limits, sink::reject, row -> {
            String name = row.get("name");
            String problem = !row.complete() ? "has " + row.record().size() + " fields, the header " + row.columns()
                    : REQUIRED.stream().sorted().filter(c -> row.get(c) == null).findFirst().map(c -> "no " + c).orElse(null);
            if (problem == null && !Countries.isKnown(row.get("country"))) {
                problem = "unknown country '" + row.get("country") + "'";
            }
            OrganisationType type = problem == null ? type(row.get("organisationType")) : null;
            if (problem == null && type == null) {
                problem = "unknown organisationType '" + row.get("organisationType") + "'";
            }
            String language = row.get("language") == null ? null : row.get("language").strip().toLowerCase(Locale.ROOT);
            if (problem == null && language != null && !Languages.SUPPORTED.contains(language)) {
                problem = "unknown language '" + row.get("language") + "' (one of " + Languages.SUPPORTED_LIST + ")";
            }
            if (problem != null) {
                sink.reject(row.line(), name != null ? name : row.excerpt(), problem);
                return;
            }
            String contactName = row.get("contactName"), email = row.get("contactEmail"), phone = row.get("contactPhone");
            MemberDto.ContactDto contact = contactName == null && email == null && phone == null ? null
                    : new MemberDto.ContactDto(contactName, email, phone);
            sink.accept(row.line(), new MemberDto(null, row.get("externalId"), name, row.get("pic"),
                    Countries.normalise(row.get("country")), row.get("region"), type, row.get("description"),
                    list(row.get("keywords")), list(row.get("sectors")), list(row.get("programmes")), language, null, contact, null,
                    null));
        });
    }

    static OrganisationType type(String value) {
        String key = value.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        return switch (key) {
            case "REC" -> OrganisationType.RESEARCH_ORGANISATION;
            case "HES" -> OrganisationType.HIGHER_EDUCATION;
            case "PUB" -> OrganisationType.PUBLIC_BODY;
            case "PRC", "OTH" -> OrganisationType.OTHER;
            default -> Arrays.stream(OrganisationType.values()).filter(t -> t.name().equals(key)).findFirst().orElse(null);
        };
    }

    private static List<String> list(String value) {
        if (value == null) {
            return null;
        }
        List<String> items = Arrays.stream(value.split("[;|]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return items.isEmpty() ? null : items;
    }
}
