-- E-mail digests: who gets a member's digest and how often, what was sent to whom (the unique edition per member and
-- recipient is what keeps a digest from going out twice, across restarts and replicas), and the service's own
-- secrets (the key that signs unsubscribe links, made at first use and shared by every replica).
create table digest_subscription (
    member_id   bigint       primary key references member (id) on delete cascade,
    rhythm      varchar(10)  not null,
    to_contact  boolean      not null,
    to_assignee boolean      not null,
    language    varchar(2)   not null,
    updated_by  varchar(200) not null,
    updated_at  timestamp with time zone not null,
    constraint digest_subscription_rhythm_check check (rhythm in ('DAILY', 'WEEKLY'))
);

create table digest_delivery (
    id             bigserial    primary key,
    member_id      bigint       not null references member (id) on delete cascade,
    -- the day of the edition, in callmatch.time-zone
    edition        date         not null,
    -- CONTACT (the member's contact person) or ASSIGNEE (the staff user who looks after it)
    recipient_kind varchar(10)  not null,
    recipient      varchar(300) not null,
    alerts         integer      not null,
    deadlines      integer      not null,
    created_at     timestamp with time zone not null,
    sent_at        timestamp with time zone,
    failure        text,
    constraint digest_delivery_edition_uq unique (member_id, edition, recipient_kind)
);
create index digest_delivery_member_idx on digest_delivery (member_id, created_at desc);

create table service_secret (
    name   varchar(100) primary key,
    secret varchar(200) not null
);
