-- Shared by every service (location db/platform): the transactional outbox and the consumer inbox.

-- Events written in the same transaction as the state change they describe; OutboxRelay publishes
-- them in seq order and stamps published_at only after the broker acknowledged them.
create table outbox_event (
    seq          bigserial    primary key,
    event_id     uuid         not null unique,
    topic        varchar(200) not null,
    event_key    varchar(200) not null,
    type         varchar(200) not null,
    source       varchar(200) not null,
    subject      varchar(200) not null,
    occurred_at  timestamptz  not null,
    payload      text         not null,
    published_at timestamptz,
    attempts     integer      not null default 0,
    last_error   text
);
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;

-- Ids of the events a consumer has already applied, recorded in the same transaction as the effect.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(200) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
