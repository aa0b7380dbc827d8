-- The Idempotency-Key table of the platform tests, as IdempotencyKeys documents it for a service.
create table idempotency_key (
    key_hash     varchar(64)  primary key,
    request_hash varchar(64)  not null,
    resource_id  varchar(200),
    status       integer,
    location     varchar(500),
    response     bytea,
    created_at   timestamptz  not null
);
create index idempotency_key_resource on idempotency_key (resource_id);
create index idempotency_key_created_at on idempotency_key (created_at);
