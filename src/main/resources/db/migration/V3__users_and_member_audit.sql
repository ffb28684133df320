-- The people and systems that may use the API (HTTP Basic): a bcrypt hash in Modular Crypt Format, never the password.
create table app_user (
    username      varchar(100) primary key,
    password_hash varchar(100) not null,
    roles         text[]       not null,
    created_at    timestamp with time zone not null,
    created_by    varchar(100)
);

-- Who changed which member when, and which fields: the names of the fields, never their values, so that erasing a
-- member's personal data leaves nothing of it here.
create table member_audit (
    id         bigserial    primary key,
    member_id  bigint       not null,
    action     varchar(20)  not null,
    fields     text[]       not null default '{}',
    actor      varchar(200) not null,
    at         timestamp with time zone not null,
    constraint member_audit_action_check check (action in ('CREATED', 'UPDATED', 'DELETED', 'EXPORTED'))
);
create index member_audit_member_idx on member_audit (member_id, id);
