-- Staff users' saved searches: a name and the GET /calls filters, checked after every calls import; the calls an
-- import brought into a search are its hits, each recorded once.
create table saved_search (
    id            bigserial     primary key,
    owner         varchar(200)  not null,
    name          varchar(200)  not null,
    q             varchar(1000),
    programme     varchar(2000),
    status        varchar(200),
    action_type   varchar(2000),
    cluster       varchar(2000),
    deadline_from date,
    deadline_to   date,
    budget_min    bigint,
    created_at    timestamp with time zone not null,
    constraint saved_search_name_uq unique (owner, name)
);

create table saved_search_hit (
    saved_search_id bigint       not null references saved_search (id) on delete cascade,
    call_identifier varchar(200) not null references call (identifier) on delete cascade,
    import_run_id   bigint       references import_run (id) on delete set null,
    created_at      timestamp with time zone not null,
    primary key (saved_search_id, call_identifier)
);
