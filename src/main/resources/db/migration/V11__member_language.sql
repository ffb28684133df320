-- The language a member's profile is written in (ISO 639-1, one of the supported en, fr, es, ca, de, it; null when
-- detected as none of them), and whether the member gave it or the service detected it from the description and
-- keywords. Rows older than this column get theirs detected when the service starts (MemberLanguageBackfill).
alter table member
    add column language        varchar(2),
    add column language_source varchar(10),
    add constraint member_language_source_ck check (language_source in ('GIVEN', 'DETECTED'));
