package eu.callmatch.members.mapping;

import eu.callmatch.common.text.ContentHash;
import eu.callmatch.common.text.Countries;
import eu.callmatch.common.text.ProfileLanguage;
import eu.callmatch.members.Member;
import eu.callmatch.members.MemberDto;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Between the {@link Member} entity and the API's {@link MemberDto}. */
public final class MemberMapper {

    private MemberMapper() {
    }

    public static MemberDto toDto(Member m) {
        MemberDto.ContactDto contact = m.contactName == null && m.contactEmail == null && m.contactPhone == null
                ? null : new MemberDto.ContactDto(m.contactName, m.contactEmail, m.contactPhone);
        return new MemberDto(m.id, m.externalId, m.name, m.pic, m.country, m.region, m.organisationType,
                m.description, List.copyOf(m.keywords), List.copyOf(m.sectors), List.copyOf(m.programmes), m.language,
                m.languageSource, contact, m.createdAt, m.updatedAt);
    }

    /** The DTO's fields onto the entity, with the profile's language as given or detected. */
    public static void apply(MemberDto dto, ProfileLanguage language, Member m) {
        m.externalId = blankToNull(dto.externalId());
        m.name = dto.name().strip();
        m.pic = blankToNull(dto.pic());
        m.country = Countries.normalise(dto.country());
        m.region = dto.region() == null ? null : dto.region().strip().toUpperCase(Locale.ROOT);
        m.organisationType = dto.organisationType();
        m.description = blankToNull(dto.description());
        m.keywords = cleaned(dto.keywords());
        m.sectors = cleaned(dto.sectors());
        m.programmes = cleaned(dto.programmes());
        m.language = language.code();
        m.languageSource = language.source();
        MemberDto.ContactDto c = dto.contact();
        m.contactName = c == null ? null : blankToNull(c.name());
        m.contactEmail = c == null ? null : blankToNull(c.email());
        m.contactPhone = c == null ? null : blankToNull(c.phone());
    }

    public static String contentHash(Member m) {
        return ContentHash.of(m.externalId, m.name, m.pic, m.country, m.region, m.organisationType, m.description,
                m.keywords, m.sectors, m.programmes, m.language, m.languageSource, m.contactName, m.contactEmail, m.contactPhone);
    }

    private static List<String> cleaned(List<String> values) {
        return values == null ? new ArrayList<>()
                : new ArrayList<>(values.stream().map(String::strip).filter(s -> !s.isEmpty()).distinct().toList());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
