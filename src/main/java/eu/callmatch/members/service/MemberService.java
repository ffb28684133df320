package eu.callmatch.members.service;

import eu.callmatch.common.changes.ChangeLog;
import eu.callmatch.common.changes.Outcome;
import eu.callmatch.common.error.ProblemException;
import eu.callmatch.common.text.Countries;
import eu.callmatch.members.Member;
import eu.callmatch.members.MemberRepository;
import eu.callmatch.members.mapping.MemberMapper;
import eu.callmatch.members.rest.MemberDto;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/** Members: the system of record's reads and writes. */
@ApplicationScoped
public class MemberService {

    private final MemberRepository members;
    private final ChangeLog changes;

    MemberService(MemberRepository members, ChangeLog changes) {
        this.members = members;
        this.changes = changes;
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
        MemberMapper.apply(dto, member);
        ensureUnique(member, null);
        member.contentHash = MemberMapper.contentHash(member);
        member.createdAt = member.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        members.persist(member);
        members.flush();
        changes.record(ChangeLog.Kind.MEMBER, member.id.toString());
        return MemberMapper.toDto(member);
    }

    @Transactional
    public MemberDto replace(long id, MemberDto dto) {
        validate(dto);
        Member member = find(id);
        Member given = new Member();
        MemberMapper.apply(dto, given);
        // checked before the managed entity changes, which a query's auto-flush would write too early
        ensureUnique(given, id);
        MemberMapper.apply(dto, member);
        String hash = MemberMapper.contentHash(member);
        if (!hash.equals(member.contentHash)) {
            member.contentHash = hash;
            member.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            changes.record(ChangeLog.Kind.MEMBER, member.id.toString());
        }
        members.flush();
        return MemberMapper.toDto(member);
    }

    /** The member with the same external id, else the same name and country: created, replaced or left alone. */
    @Transactional
    public Outcome upsert(MemberDto dto) {
        validate(dto);
        Member given = new Member();
        MemberMapper.apply(dto, given);
        Member existing = (given.externalId != null ? members.findByExternalId(given.externalId)
                : members.findByNameAndCountry(given.name, given.country)).orElse(null);
        if (existing == null) {
            create(dto);
            return Outcome.CREATED;
        }
        if (MemberMapper.contentHash(given).equals(existing.contentHash)) {
            return Outcome.UNCHANGED;
        }
        replace(existing.id, dto);
        return Outcome.UPDATED;
    }

    @Transactional
    public void delete(long id) {
        members.delete(find(id));
        changes.record(ChangeLog.Kind.MEMBER, Long.toString(id));
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
