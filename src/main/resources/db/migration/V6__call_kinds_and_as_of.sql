-- Issue 18. What a call record is (a work-programme topic, a cascade-funding call run by an EU-funded project under
-- a topic, or a tender), the topic a cascade-funding call was published under, and its other language versions.
alter table call add column kind varchar(20);
alter table call add constraint call_kind_check check (kind in ('TOPIC', 'CASCADE_FUNDING', 'TENDER'));
alter table call add column parent_topic varchar(200);
alter table call add column translations jsonb not null default '[]';
create index call_parent_topic_idx on call (parent_topic) where parent_topic is not null;

-- Newer wins: the time the source's data was true (the import's asOf, the portal's own date, or the fetch time).
-- A record whose as_of is older than the stored one is not applied. Null for rows written before this migration:
-- any import then applies.
alter table call add column as_of timestamp with time zone;

-- The same for the partner pool's organisations (a CORDIS bundle's asOf, else the time it was fetched or sent).
alter table organisation add column as_of timestamp with time zone;
alter table member add column as_of timestamp with time zone;

-- The run's as-of time, and how many of its records were older than what the service already held.
alter table import_run add column as_of timestamp with time zone;
alter table import_run add column stale integer not null default 0;
