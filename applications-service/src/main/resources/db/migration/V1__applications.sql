-- applications-service owns candidates, their applications, and a copy of each role built from roles.events.

-- A copy of each role, kept from roles-service's events (never read from roles-service itself), so that a
-- submission never depends on roles-service being up. hired_count is this service's own count of hires and
-- is what the atomic headcount check on HIRED uses.
create table role_copy (
    role_id              uuid         primary key,
    title                varchar(500) not null,
    status               varchar(30)  not null,
    openings             integer      not null,
    openings_filled      integer      not null default 0,
    hired_count          integer      not null default 0,
    application_deadline timestamptz,
    respond_by           varchar(50),
    eligibility_rules    jsonb        not null default '[]',
    version              bigint       not null,
    updated_at           timestamptz  not null
);

-- Personal data: anonymised in place on erasure (email and names null, erased_at set).
create table candidate (
    id              uuid         primary key,
    email           varchar(320),
    first_name      varchar(200),
    last_name       varchar(200),
    phone           varchar(50),
    school          varchar(200),
    degree          varchar(200),
    graduation_date date,
    links           jsonb,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    erased_at       timestamptz
);
-- The same person applying twice is one candidate: emails are unique whatever their case.
create unique index candidate_email_unique on candidate (lower(email));

create table application (
    id                     uuid         primary key,
    role_id                uuid         not null,
    candidate_id           uuid         not null references candidate (id),
    stage                  varchar(20)  not null,
    answers                jsonb,
    eligibility_outcome    varchar(20)  not null,
    eligibility_rules      jsonb        not null,
    source                 varchar(200),
    consent_policy_version varchar(100) not null,
    consent_accepted_at    timestamptz  not null,
    rejection_reason       varchar(30),
    access_token_hash      bytea,
    version                bigint       not null,
    submitted_at           timestamptz  not null,
    updated_at             timestamptz  not null
);
-- The recruiter list: one role's applications, newest first, by keyset cursor.
create index application_role_submitted on application (role_id, submitted_at desc, id desc);
-- The same list without a role filter.
create index application_submitted on application (submitted_at desc, id desc);
create index application_candidate on application (candidate_id);
-- One active (non-final) application per candidate and role, even under concurrent submissions.
create unique index application_one_active_per_role on application (candidate_id, role_id)
    where stage not in ('HIRED', 'REJECTED', 'WITHDRAWN');
-- Rejecting the remaining active applications when a role is filled.
create index application_role_active on application (role_id)
    where stage not in ('HIRED', 'REJECTED', 'WITHDRAWN');

-- Every stage change, including the first (from null to SUBMITTED).
create table stage_change (
    id             bigserial    primary key,
    application_id uuid         not null references application (id),
    from_stage     varchar(20),
    to_stage       varchar(20)  not null,
    reason         varchar(10000),
    note           varchar(10000),
    actor          varchar(300) not null,
    version        bigint       not null,
    changed_at     timestamptz  not null
);
create index stage_change_application on stage_change (application_id, id);

create table note (
    id             uuid         primary key,
    application_id uuid         not null references application (id),
    author         varchar(300) not null,
    body           varchar(10000) not null,
    created_at     timestamptz  not null
);
create index note_application on note (application_id, created_at desc, id desc);

create table evaluation (
    id             uuid         primary key,
    application_id uuid         not null references application (id),
    author         varchar(300) not null,
    overall_rating integer      not null check (overall_rating between 1 and 4),
    criteria       jsonb        not null default '[]',
    comments       varchar(10000),
    submitted_at   timestamptz  not null
);
create index evaluation_application on evaluation (application_id, submitted_at desc, id desc);

-- Idempotency-Key of POST /api/v1/applications. The key itself is not stored, only its SHA-256; the
-- response (which holds the one-time access token) is encrypted with a key derived from the
-- Idempotency-Key, so the database alone cannot reveal the token.
create table idempotency_key (
    key_hash       varchar(64)  primary key,
    request_hash   varchar(64)  not null,
    application_id uuid,
    status         integer,
    location       varchar(500),
    response       bytea,
    created_at     timestamptz  not null
);
create index idempotency_key_application on idempotency_key (application_id);
