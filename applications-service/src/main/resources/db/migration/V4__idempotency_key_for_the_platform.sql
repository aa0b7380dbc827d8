-- Idempotency-Keys are now kept by ats-platform's @Idempotent mechanism (dev.ats.platform.idempotency),
-- which names what a request created generically: the last segment of its Location (here the
-- application id). The table stays in this service's migrations (ats.idempotency.table): a platform
-- migration would be numbered below the versions this database already applied.
alter table idempotency_key rename column application_id to resource_id;
alter table idempotency_key alter column resource_id type varchar(200) using resource_id::text;
alter index idempotency_key_application rename to idempotency_key_resource;
