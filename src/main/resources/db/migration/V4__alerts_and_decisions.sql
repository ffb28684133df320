-- The helpdesk's workflow: what each import raised for each member, the staff's decisions on member-call pairs
-- (with their history), the state of each pair (its place in the triage queue) and who looks after which member.

-- A match notification: after an import, a new or changed call that fits a member (or one the member follows).
create table match_alert (
    id              bigserial    primary key,
    member_id       bigint       not null references member (id) on delete cascade,
    call_identifier varchar(200) not null references call (identifier) on delete cascade,
    import_run_id   bigint       references import_run (id) on delete set null,
    -- the score in the member's call matches, or null when the call is outside them (raised because followed)
    score           double precision,
    -- NEW_CALL, DEADLINE_CHANGED, STATUS_OPENED, BUDGET_CHANGED
    changes         text[]       not null default '{}',
    -- what changed, in words ("deadline 2026-09-01 -> 2026-09-15"), and why the call fits
    change_notes    text[]       not null default '{}',
    reasons         text[]       not null default '{}',
    created_at      timestamp with time zone not null,
    constraint match_alert_run_uq unique (member_id, call_identifier, import_run_id)
);
create index match_alert_member_idx on match_alert (member_id, created_at desc);
create index match_alert_run_idx on match_alert (import_run_id);

-- Every decision staff took on a member-call pair, oldest first: the history is never rewritten.
create table call_decision (
    id              bigserial    primary key,
    member_id       bigint       not null references member (id) on delete cascade,
    call_identifier varchar(200) not null references call (identifier) on delete cascade,
    status          varchar(20)  not null,
    reason_code     varchar(20),
    note            text,
    decided_by      varchar(200) not null,
    decided_at      timestamp with time zone not null,
    constraint call_decision_status_check check (status in
        ('SHORTLISTED', 'DISMISSED', 'CONTACTED', 'APPLYING', 'SUBMITTED')),
    constraint call_decision_reason_check check (reason_code in ('NOT_ELIGIBLE', 'NOT_RELEVANT', 'NO_CAPACITY', 'OTHER')),
    constraint call_decision_dismissed_reason check ((status = 'DISMISSED') = (reason_code is not null))
);
create index call_decision_pair_idx on call_decision (member_id, call_identifier, decided_at);
create index call_decision_decided_idx on call_decision (decided_at);

-- The present state of a pair that was alerted or decided on: NEW until staff decide, then the last decision.
create table member_call (
    member_id       bigint       not null references member (id) on delete cascade,
    call_identifier varchar(200) not null references call (identifier) on delete cascade,
    status          varchar(20)  not null,
    reason_code     varchar(20),
    last_score      double precision,
    last_alert_at   timestamp with time zone,
    decided_at      timestamp with time zone,
    decided_by      varchar(200),
    primary key (member_id, call_identifier),
    constraint member_call_status_check check (status in
        ('NEW', 'SHORTLISTED', 'DISMISSED', 'CONTACTED', 'APPLYING', 'SUBMITTED'))
);
create index member_call_status_idx on member_call (status);

-- The staff user who looks after a member.
create table member_assignee (
    member_id   bigint       primary key references member (id) on delete cascade,
    assignee    varchar(200) not null,
    assigned_by varchar(200) not null,
    assigned_at timestamp with time zone not null
);
create index member_assignee_idx on member_assignee (assignee);
