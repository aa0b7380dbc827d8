-- The reports (GET /api/v1/reports/*) aggregate each cohort's stage changes in PostgreSQL: per application, in
-- id order (lead() for the time spent in a stage, the first decision, the furthest stage). This index gives
-- them in that order with every column they read, so they come from an index-only scan of the cohort's
-- entries instead of a heap fetch per stage change. It replaces stage_change_application (same key).
create index stage_change_report on stage_change (application_id, id) include (from_stage, to_stage, changed_at);
drop index stage_change_application;
