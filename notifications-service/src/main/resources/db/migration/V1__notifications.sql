-- notifications-service: local copies of what it needs from other services' events, the messages it
-- writes to candidates, and every attempt to deliver them.

-- One row per application seen on applications.events. Personal data (email, first name) is set to null
-- when the candidate is erased; erased stays true so that a late event cannot bring it back.
create table application_copy (
    application_id       uuid         primary key,
    role_id              uuid,
    role_title           text,
    candidate_id         uuid,
    candidate_email      text,
    candidate_first_name text,
    eligibility_outcome  varchar(20),
    -- HIRED, REJECTED or WITHDRAWN once a decision event was seen; null while undecided.
    decision             varchar(20),
    erased               boolean      not null default false,
    submitted_at         timestamptz,
    updated_at           timestamptz  not null
);
create index application_copy_candidate on application_copy (candidate_id);
create index application_copy_undecided on application_copy (role_id) where decision is null and not erased;

-- The latest version of each role seen on roles.events (or, before any role event, the title that an
-- application.submitted event carried, with version -1).
create table role_copy (
    role_id    uuid        primary key,
    title      text,
    respond_by date,
    version    bigint      not null,
    updated_at timestamptz not null
);

create table notification (
    id              uuid         primary key,
    -- The ce_id of the event that caused it ("respond-by:<application id>" for status updates).
    event_id        varchar(200) not null,
    event_type      varchar(200) not null,
    type            varchar(40)  not null,
    application_id  uuid,
    candidate_id    uuid,
    role_id         uuid,
    recipient       text,
    subject         text,
    body_text       text,
    body_html       text,
    status          varchar(20)  not null,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz,
    last_error      text,
    created_at      timestamptz  not null,
    sent_at         timestamptz,
    erased_at       timestamptz,
    -- One message per (event, template): a redelivered event or a second instance writes nothing new.
    constraint notification_once_per_event unique (event_id, type)
);
create index notification_due on notification (next_attempt_at) where status = 'PENDING';
create index notification_list on notification (created_at desc, id desc);
create index notification_application on notification (application_id, created_at desc, id desc);
create index notification_candidate on notification (candidate_id);
create index notification_recipient on notification (lower(recipient));

create table delivery_attempt (
    id              bigserial    primary key,
    notification_id uuid         not null references notification (id),
    attempted_at    timestamptz  not null,
    outcome         varchar(20)  not null,
    error           text
);
create index delivery_attempt_notification on delivery_attempt (notification_id, attempted_at);
