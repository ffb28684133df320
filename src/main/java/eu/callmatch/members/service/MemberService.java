package eu.callmatch.members.service;

import eu.callmatch.common.changes.ChangeLog;
import eu.callmatch.common.changes.Outcome;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.security.CurrentUser;
import eu.callmatch.common.text.Countries;
import eu.callmatch.common.text.Languages;
import eu.callmatch.common.text.ProfileLanguage;
import eu.callmatch.members.Member;
import eu.callmatch.members.MemberAudit;
import eu.callmatch.members.MemberAuditDto;
import eu.callmatch.members.MemberAuditRepository;
import eu.callmatch.members.MemberDto;
import eu.callmatch.members.MemberExportDto;
import eu.callmatch.members.MemberRepository;
import eu.callmatch.members.mapping.MemberMapper;
import eu.callmatch.search.IndexSource;
import eu.callmatch.search.IndexedMember;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Members: the system of record's reads and writes. */
@ApplicationScoped
public class MemberService implements IndexSource<IndexedMember> {

    private final MemberRepository members;
    private final MemberAuditRepository audit;
    private final ChangeLog changes;
    private final CurrentUser user;
    private final Languages languages;

    MemberService(MemberRepository members, MemberAuditRepository audit, ChangeLog changes, CurrentUser user,
                  Languages languages) {
        this.languages = languages;
        this.members = members;
        this.audit = audit;
        this.changes = changes;
        this.user = user;
    }

    public MemberDto get(long id) {
        return MemberMapper.toDto(find(id));
    }

    public Member find(long id) {
        Member member = members.findById(id);
        if (member == null) {
            throw ProblemException.notFound("Member", id);
        }
        return member;
    }

    /** The members with these ids that exist, by id (as text, the index's key). */
    public java.util.Map<String, MemberDto> findAll(java.util.Collection<String> ids) {
        List<Long> numbers = ids.stream().map(MemberService::parseId).filter(Objects::nonNull).toList();
        if (numbers.isEmpty()) {
            return java.util.Map.of();
        }
        return members.list("id in ?1", numbers).stream()
                .collect(java.util.stream.Collectors.toMap(m -> m.id.toString(), MemberMapper::toDto));
    }

    /** Ids in order after {@code after} (null: from the start), as text. */
    public List<String> idsAfter(String after, int limit) {
        long from = after == null ? Long.MIN_VALUE : Long.parseLong(after);
        return members.find("id > ?1", Sort.by("id"), from).page(0, limit).list().stream()
                .map(m -> m.id.toString()).toList();
    }

    /** The members' indexable records: see {@link IndexSource}. */
    @Override
    public Map<String, IndexedMember> records(java.util.Collection<String> keys) {
        return java.util.Collections.unmodifiableMap(findAll(keys));
    }

    @Override
    public List<String> keysAfter(String after, int limit) {
        return idsAfter(after, limit);
    }

    @Override
    public long count() {
        return members.count();
    }

    private static Long parseId(String id) {
        try {
            return Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Transactional
    public MemberDto create(MemberDto dto) {
        validate(dto);
        Member member = new Member();
        MemberMapper.apply(dto, language(dto), member);
        ensureUnique(member, null);
        member.contentHash = MemberMapper.contentHash(member);
        member.createdAt = member.updatedAt = member.asOf = OffsetDateTime.now(ZoneOffset.UTC);
        members.persist(member);
        members.flush();
        changes.record(ChangeLog.Kind.MEMBER, member.id.toString());
        audit(member.id, MemberAudit.Action.CREATED, changedFields(new Member(), member));
        return MemberMapper.toDto(member);
    }

    @Transactional
    public MemberDto replace(long id, MemberDto dto) {
        validate(dto);
        Member member = find(id);
        Member given = new Member();
        ProfileLanguage language = language(dto);
        MemberMapper.apply(dto, language, given);
        // checked before the managed entity changes, which a query's auto-flush would write too early
        ensureUnique(given, id);
        List<String> changed = changedFields(member, given);
        MemberMapper.apply(dto, language, member);
        String hash = MemberMapper.contentHash(member);
        if (!hash.equals(member.contentHash)) {
            member.contentHash = hash;
            member.updatedAt = member.asOf = OffsetDateTime.now(ZoneOffset.UTC);
            changes.record(ChangeLog.Kind.MEMBER, member.id.toString());
            audit(member.id, MemberAudit.Action.UPDATED, changed);
        }
        members.flush();
        return MemberMapper.toDto(member);
    }

    /**
     * The member with the same external id, else the same name and country: created, replaced or left alone. Newer
     * wins: a member stored as of after {@code asOf} (by an import, or edited in the API since) is left alone (STALE).
     */
    @Transactional
    public Outcome upsert(MemberDto dto, OffsetDateTime asOf) {
        validate(dto);
        Member given = new Member();
        MemberMapper.apply(dto, language(dto), given);
        Member existing = (given.externalId != null ? members.findByExternalId(given.externalId)
                : members.findByNameAndCountry(given.name, given.country)).orElse(null);
        if (existing != null && existing.asOf != null && asOf.isBefore(existing.asOf)) {
            return Outcome.STALE;
        }
        Outcome outcome;
        if (existing == null) {
            outcome = Outcome.CREATED;
            existing = members.findById(create(dto).id());
        } else if (MemberMapper.contentHash(given).equals(existing.contentHash)) {
            outcome = Outcome.UNCHANGED;
        } else {
            replace(existing.id, dto);
            outcome = Outcome.UPDATED;
        }
        existing.asOf = asOf; // the source's time, not the time of this write
        return outcome;
    }

    /**
     * Deletes the member and with it every piece of personal data held on it: the row goes, the change log takes
     * it out of every replica's index, and the audit trail keeps only who deleted it when.
     */
    @Transactional
    public void delete(long id) {
        members.delete(find(id));
        changes.record(ChangeLog.Kind.MEMBER, Long.toString(id));
        audit(id, MemberAudit.Action.DELETED, List.of());
    }

    /** The member's changes, oldest first (also after the member was deleted). */
    public List<MemberAuditDto> audit(long id) {
        List<MemberAudit> entries = audit.list("memberId = ?1", Sort.by("id"), id);
        if (entries.isEmpty() && members.findById(id) == null) {
            throw ProblemException.notFound("Member", id);
        }
        return entries.stream().map(MemberAuditDto::of).toList();
    }

    /** Everything held on the member, for a data-subject request; the export itself goes into the trail. */
    @Transactional
    public MemberExportDto export(long id) {
        MemberDto member = MemberMapper.toDto(find(id));
        audit(id, MemberAudit.Action.EXPORTED, List.of());
        List<MemberAuditDto> trail = audit.list("memberId = ?1", Sort.by("id"), id).stream().map(MemberAuditDto::of).toList();
        return new MemberExportDto(member, trail, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private void audit(long memberId, MemberAudit.Action action, List<String> fields) {
        MemberAudit entry = new MemberAudit();
        entry.memberId = memberId;
        entry.action = action;
        entry.fields = new ArrayList<>(fields);
        entry.actor = user.name();
        entry.at = OffsetDateTime.now(ZoneOffset.UTC);
        audit.persist(entry);
    }

    /** The names of the fields that differ (the contact person's as contact.name, .email, .phone). */
    static List<String> changedFields(Member a, Member b) {
        Map<String, Object[]> fields = new LinkedHashMap<>();
        fields.put("externalId", new Object[]{a.externalId, b.externalId});
        fields.put("name", new Object[]{a.name, b.name});
        fields.put("pic", new Object[]{a.pic, b.pic});
        fields.put("country", new Object[]{a.country, b.country});
        fields.put("region", new Object[]{a.region, b.region});
        fields.put("organisationType", new Object[]{a.organisationType, b.organisationType});
        fields.put("description", new Object[]{a.description, b.description});
        fields.put("keywords", new Object[]{a.keywords, b.keywords});
        fields.put("sectors", new Object[]{a.sectors, b.sectors});
        fields.put("programmes", new Object[]{a.programmes, b.programmes});
        fields.put("language", new Object[]{a.language, b.language});
        fields.put("contact.name", new Object[]{a.contactName, b.contactName});
        fields.put("contact.email", new Object[]{a.contactEmail, b.contactEmail});
        fields.put("contact.phone", new Object[]{a.contactPhone, b.contactPhone});
        List<String> changed = new ArrayList<>();
        fields.forEach((name, pair) -> {
            Object x = emptyToNull(pair[0]);
            Object y = emptyToNull(pair[1]);
            if (!Objects.equals(x, y)) {
                changed.add(name);
            }
        });
        return changed;
    }

    private static Object emptyToNull(Object value) {
        return value instanceof java.util.Collection<?> c && c.isEmpty() ? null : value;
    }

    private ProfileLanguage language(MemberDto dto) {
        return languages.of(dto.language(), dto.description(), dto.keywords());
    }

    /**
     * Detects the language of members stored before the service knew languages (no source yet), a batch at a time;
     * the number done, 0 when none is left. Not a change of the member: no audit entry, no re-indexing.
     */
    @Transactional
    public int detectMissingLanguages(int batch) {
        List<Member> unknown = members.find("languageSource is null", Sort.by("id")).page(0, batch).list();
        for (Member m : unknown) {
            ProfileLanguage language = languages.of(null, m.description, m.keywords);
            m.language = language.code();
            m.languageSource = language.source();
            m.contentHash = MemberMapper.contentHash(m);
        }
        return unknown.size();
    }

    private static void validate(MemberDto dto) {
        if (!Countries.isKnown(dto.country())) {
            throw ProblemException.invalid("body", "country", "'" + dto.country() + "' is not a country code");
        }
    }

    private void ensureUnique(Member member, Long self) {
        members.findByNameAndCountry(member.name, member.country)
                .filter(other -> !Objects.equals(other.id, self))
                .ifPresent(other -> {
                    throw ProblemException.conflict("Member " + other.id + " already has the name '" + member.name
                            + "' in " + member.country);
                });
        if (member.externalId != null) {
            members.findByExternalId(member.externalId)
                    .filter(other -> !Objects.equals(other.id, self))
                    .ifPresent(other -> {
                        throw ProblemException.conflict("Member " + other.id + " already has the external id '"
                                + member.externalId + "'");
                    });
        }
    }
}
