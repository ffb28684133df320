-- What each import run did beyond its main records (e.g. the projects and participations of a CORDIS bundle),
-- and a heartbeat, so that a run whose process died can be told from one still going on another replica.
alter table import_run add column details jsonb not null default '{}';
alter table import_run add column heartbeat_at timestamp with time zone;

-- Every committed change to something the search indexes hold, in commit order of its id. Each replica follows
-- it to keep its own index in step with the database (written in the same transaction as the change).
create table change_log (
    id         bigserial    primary key,
    kind       varchar(20)  not null,
    key        varchar(200) not null,
    changed_at timestamp with time zone not null default now(),
    constraint change_log_kind_check check (kind in ('CALL', 'MEMBER', 'ORGANISATION'))
);
create index change_log_changed_at_idx on change_log (changed_at);
