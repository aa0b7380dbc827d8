-- The W3C traceparent of the transaction that wrote the event (null when it was not traced). OutboxRelay
-- sends it as the record's traceparent header, so consumers continue the writer's trace.
alter table outbox_event add column traceparent varchar(55);
