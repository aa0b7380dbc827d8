-- roles-service owns roles (job openings), their openings one by one, and the hires it could not place.

create table role (
    id                   uuid         primary key,
    title                varchar(200) not null,
    team                 varchar(100) not null,
    description          text         not null,
    location             varchar(200) not null,
    workplace_type       varchar(20)  not null check (workplace_type in ('ONSITE', 'REMOTE', 'HYBRID')),
    employment_type      varchar(20)  not null
        check (employment_type in ('INTERNSHIP', 'FULL_TIME', 'PART_TIME', 'CONTRACT')),
    duration_weeks       integer      check (duration_weeks >= 1),
    openings             integer      not null check (openings >= 1),
    -- Kept equal to the number of FILLED role_opening rows, so that lists need no join.
    openings_filled      integer      not null default 0 check (openings_filled >= 0),
    application_deadline timestamptz,
    respond_by           date,
    -- The eligibility questions, exactly as the API shows them (an array of rule objects).
    eligibility_rules    jsonb        not null default '[]'::jsonb,
    status               varchar(20)  not null check (status in ('DRAFT', 'OPEN', 'CLOSED', 'FILLED')),
    -- Why the role last changed status (the close reason, for instance); not part of the API.
    status_reason        text,
    version              bigint       not null,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    constraint role_openings_filled_within_openings check (openings_filled <= openings)
);

-- The list's stable order (created_at desc, id desc), with and without the status filter
-- (anonymous callers always filter on OPEN).
create index role_list_order on role (created_at desc, id desc);
create index role_status_list_order on role (status, created_at desc, id desc);
create index role_team on role (lower(team));

-- One row per opening. An application fills at most one opening anywhere (unique), however often
-- its hire event is delivered.
create table role_opening (
    id                       uuid        primary key,
    role_id                  uuid        not null references role (id),
    number                   integer     not null check (number >= 1),
    status                   varchar(10) not null check (status in ('OPEN', 'FILLED')),
    filled_by_application_id uuid        unique,
    filled_at                timestamptz,
    constraint role_opening_number_unique unique (role_id, number),
    constraint role_opening_filled_has_application
        check ((status = 'FILLED') = (filled_by_application_id is not null))
);
create index role_opening_open on role_opening (role_id, number) where status = 'OPEN';

-- Hires that could not fill an opening (unknown role, or none left): kept for a recruiter to
-- resolve, once per application.
create table unplaced_hire (
    application_id uuid         primary key,
    role_id        uuid         not null,
    event_id       varchar(200) not null,
    reason         varchar(30)  not null check (reason in ('UNKNOWN_ROLE', 'NO_OPENING_LEFT')),
    hired_at       timestamptz,
    recorded_at    timestamptz  not null default now()
);
