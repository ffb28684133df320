-- Deadline calendars: a secret address per feed, for calendar clients that cannot log in. Only the SHA-256 of the
-- secret is kept, so that the database does not hold working addresses; a revoked feed stays, as a record.
create table calendar_feed (
    id           bigserial    primary key,
    -- the feed of one member's pipeline, or of the members a staff user looks after
    member_id    bigint       references member (id) on delete cascade,
    assignee     varchar(200),
    token_hash   varchar(64)  not null,
    created_by   varchar(200) not null,
    created_at   timestamp with time zone not null,
    revoked_at   timestamp with time zone,
    last_read_at timestamp with time zone,
    constraint calendar_feed_token_uq unique (token_hash),
    constraint calendar_feed_owner_check check ((member_id is null) <> (assignee is null))
);
create index calendar_feed_member_idx on calendar_feed (member_id);
