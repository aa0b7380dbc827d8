-- The W3C traceparent of the consumer span that wrote the notification (the trace of the request that
-- caused the event; null when nothing was traced). The delivery's SMTP send is a span in that trace.
alter table notification add column traceparent varchar(55);
