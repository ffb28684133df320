-- Saved searches' hits reach their owner: they are triaged like a member's alerts (NEW until the owner shortlists or
-- dismisses them), and a daily e-mail lists the new ones, to the address a user may now have.
alter table saved_search add column digest boolean not null default true;

alter table saved_search_hit add column status varchar(12) not null default 'NEW';
alter table saved_search_hit add column decided_by varchar(200);
alter table saved_search_hit add column decided_at timestamp with time zone;
alter table saved_search_hit add constraint saved_search_hit_status_check
    check (status in ('NEW', 'SHORTLISTED', 'DISMISSED'));
create index saved_search_hit_status_idx on saved_search_hit (status, created_at desc);

alter table app_user add column email varchar(300);

-- a delivery is a member's digest (member_id) or a staff user's saved-search digest (owner), one edition a day each
alter table digest_delivery alter column member_id drop not null;
alter table digest_delivery alter column recipient_kind type varchar(20);
alter table digest_delivery add column owner varchar(200);
alter table digest_delivery add constraint digest_delivery_whose_check check ((member_id is null) <> (owner is null));
create unique index digest_delivery_owner_uq on digest_delivery (owner, edition) where owner is not null;
create index digest_delivery_owner_idx on digest_delivery (owner, created_at desc) where owner is not null;
