-- Idempotency keys are kept for a day (IdempotencyKeyPurge); this index finds the expired ones.
create index idempotency_key_created_at on idempotency_key (created_at);
