-- Callmatch system of record. Hibernate validates this schema; only Flyway changes it.

-- A funding topic of the EU Funding & Tenders Portal.
create table call (
    identifier        varchar(200) primary key,
    call_identifier   varchar(200),
    title             text         not null,
    call_title        text,
    programme         varchar(200),
    cluster           varchar(200),
    destination       text,
    action_type       varchar(200),
    -- the status a source gave (may be stale); status is what the service derives from it and the dates
    source_status     varchar(20),
    status            varchar(20)  not null,
    opening_date      date,
    deadlines         date[]       not null default '{}',
    deadline_model    varchar(40),
    budget_min        numeric(16, 2),
    budget_max        numeric(16, 2),
    total_budget      numeric(16, 2),
    expected_grants   integer,
    description       text,
    keywords          text[]       not null default '{}',
    conditions        text,
    url               text,
    source            varchar(200),
    source_updated_at timestamp with time zone,
    -- set when a complete snapshot of the source no longer lists the call: it stays, closed
    left_source_on    date,
    content_hash      varchar(64),
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    version           bigint       not null default 0,
    constraint call_status_check check (status in ('OPEN', 'FORTHCOMING', 'CLOSED')),
    constraint call_source_status_check check (source_status in ('OPEN', 'FORTHCOMING', 'CLOSED'))
);
create index call_programme_idx on call (programme);
create index call_status_idx on call (status);

-- An organisation of the cluster that the helpdesk serves.
create table member (
    id                bigserial    primary key,
    external_id       varchar(100) unique,
    name              varchar(300) not null,
    pic               varchar(9),
    country           varchar(2)   not null,
    region            varchar(10),
    organisation_type varchar(40)  not null,
    description       text,
    keywords          text[]       not null default '{}',
    sectors           text[]       not null default '{}',
    programmes        text[]       not null default '{}',
    contact_name      varchar(300),
    contact_email     varchar(300),
    contact_phone     varchar(60),
    content_hash      varchar(64),
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    version           bigint       not null default 0,
    constraint member_type_check check (organisation_type in
        ('SME', 'LARGE_ENTERPRISE', 'RESEARCH_ORGANISATION', 'HIGHER_EDUCATION', 'PUBLIC_BODY', 'OTHER'))
);
create unique index member_name_country_uq on member (lower(name), country);

-- The external partner pool, from CORDIS: organisations by PIC ...
create table organisation (
    pic           varchar(20)  primary key,
    name          text         not null,
    short_name    text,
    country       varchar(2),
    city          text,
    activity_type varchar(10),
    sme           boolean,
    url           text,
    content_hash  varchar(64),
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null
);
create index organisation_country_idx on organisation (country);

-- ... the EU projects they took part in ...
create table project (
    id              varchar(20)  primary key,
    acronym         text,
    title           text,
    objective       text,
    topic           varchar(200),
    topic_title     text,
    framework       varchar(40),
    start_date      date,
    end_date        date,
    science_fields  text[]       not null default '{}',
    content_hash    varchar(64),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
create index project_topic_idx on project (topic);

-- ... and in which role.
create table participation (
    organisation_pic varchar(20) not null references organisation (pic) on delete cascade,
    project_id       varchar(20) not null references project (id) on delete cascade,
    role             varchar(40),
    ec_contribution  numeric(16, 2),
    primary key (organisation_pic, project_id)
);
create index participation_project_idx on participation (project_id);

-- One run of an import, manual or scheduled.
create table import_run (
    id          bigserial    primary key,
    kind        varchar(20)  not null,
    format      varchar(40)  not null,
    source      text,
    status      varchar(20)  not null,
    started_at  timestamp with time zone not null,
    finished_at timestamp with time zone,
    created     integer      not null default 0,
    updated     integer      not null default 0,
    unchanged   integer      not null default 0,
    rejected    integer      not null default 0,
    error_total integer      not null default 0,
    errors      jsonb        not null default '[]',
    message     text,
    constraint import_run_status_check check (status in ('RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED'))
);
create index import_run_started_idx on import_run (started_at desc);
