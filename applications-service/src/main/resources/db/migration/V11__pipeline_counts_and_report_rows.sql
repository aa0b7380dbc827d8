-- A board's counts (GET /api/v1/roles/{roleId}/pipeline) kept up to date instead of counted on request, so that
-- reading them costs O(stages), not O(applications of the role).
--
-- Insert-only deltas, folded by a job: every change of an application's role, stage or eligibility outcome
-- (submission, transition, bulk item, role filled, any SQL) appends a row to pipeline_count_delta in the same
-- transaction, by the triggers below; PipelineCountCompaction folds them into pipeline_count every few seconds.
-- A read sums the role's pipeline_count rows (at most 7 stages x 3 outcomes) and its deltas not folded yet
-- (the changes of the last few seconds), in one statement, so it is exact and never stale.
--
-- Why deltas rather than one counter row per (role, stage, outcome) updated in place: every submission to a
-- role would update the same row (role, SUBMITTED, ELIGIBLE) and hold its lock until it commits, so the
-- submissions to one role would commit one after the other (each waiting for the previous one's WAL flush),
-- exactly when a posting draws its crowd. An insert locks nothing another transaction wants.
create table pipeline_count (
    role_id             uuid        not null,
    stage               varchar(20) not null,
    eligibility_outcome varchar(20) not null,
    applications        bigint      not null,
    primary key (role_id, stage, eligibility_outcome)
);

create table pipeline_count_delta (
    id                  bigserial   primary key,
    role_id             uuid        not null,
    stage               varchar(20) not null,
    eligibility_outcome varchar(20) not null,
    delta               bigint      not null
);
create index pipeline_count_delta_role on pipeline_count_delta (role_id);

-- Inserts and deletes: one delta per (role, stage, outcome) per statement (a generated 100 000-row insert adds
-- at most 63 rows, not 100 000), from the statement's transition table.
create function pipeline_count_inserted() returns trigger
    language plpgsql as $$
begin
    insert into pipeline_count_delta (role_id, stage, eligibility_outcome, delta)
    select role_id, stage, eligibility_outcome, count(*) from inserted
     group by role_id, stage, eligibility_outcome;
    return null;
end
$$;

create function pipeline_count_deleted() returns trigger
    language plpgsql as $$
begin
    insert into pipeline_count_delta (role_id, stage, eligibility_outcome, delta)
    select role_id, stage, eligibility_outcome, -count(*) from deleted
     group by role_id, stage, eligibility_outcome;
    return null;
end
$$;

-- Updates: per row, and only when the role, stage or outcome changed (the WHEN clause is checked before the
-- function is called, so a note, a version bump or a search refresh costs nothing here).
create function pipeline_count_updated() returns trigger
    language plpgsql as $$
begin
    insert into pipeline_count_delta (role_id, stage, eligibility_outcome, delta)
    values (old.role_id, old.stage, old.eligibility_outcome, -1),
           (new.role_id, new.stage, new.eligibility_outcome, 1);
    return null;
end
$$;

-- Creating the triggers locks application against writes until this migration commits, so no application can
-- be written between the triggers and the backfill below: the counts start exact even while an older
-- instance is still serving.
create trigger application_pipeline_count_insert
    after insert on application referencing new table as inserted
    for each statement execute function pipeline_count_inserted();

create trigger application_pipeline_count_delete
    after delete on application referencing old table as deleted
    for each statement execute function pipeline_count_deleted();

create trigger application_pipeline_count_update
    after update on application
    for each row
    when (old.role_id is distinct from new.role_id
          or old.stage is distinct from new.stage
          or old.eligibility_outcome is distinct from new.eligibility_outcome)
    execute function pipeline_count_updated();

insert into pipeline_count (role_id, stage, eligibility_outcome, applications)
select role_id, stage, eligibility_outcome, count(*) from application
 group by role_id, stage, eligibility_outcome;

-- The reports (GET /api/v1/reports/*) read one row per application, kept up to date from its stage history,
-- instead of joining every cohort to its stage changes and ordering them on each request: what a report needs
-- of an application is a few facts that change only when a stage change is written. No personal data (erasure
-- changes nothing here): role, source, submission time, where the application is now and how far it got, the
-- days it spent in each pipeline stage it left, and when it was hired, first decided and first moved on.
-- Days are elapsed milliseconds (truncated) / 1000 / 86 400, as the reports have always counted them.
create table application_report (
    application_id    uuid        primary key references application (id) on delete cascade,
    role_id           uuid        not null,
    source            varchar(200),
    submitted_at      timestamptz not null,
    stage             varchar(20) not null,      -- the last stage change's stage
    furthest          smallint    not null,      -- SUBMITTED (or none) 0, SCREENING 1 … HIRED 4
    days_submitted    double precision,          -- time spent in the stage, once left (null: not entered
    days_screening    double precision,          -- or not left yet)
    days_interviewing double precision,
    days_offered      double precision,
    hired_at          timestamptz,               -- the first change to HIRED
    decided_at        timestamptz,               -- the first change to HIRED, REJECTED or WITHDRAWN
    updated_at        timestamptz                -- the first change after the submission
);
create index application_report_role on application_report (role_id, submitted_at);
create index application_report_submitted on application_report (submitted_at);
-- The respond-by report's waiting list: a role's undecided applications, longest waiting first.
create index application_report_waiting on application_report (role_id, submitted_at, application_id)
    where stage not in ('HIRED', 'REJECTED', 'WITHDRAWN');

-- Rebuilds the rows of these applications from their whole stage history (the one definition of every fact,
-- used by the trigger and by the backfill below).
create function application_report_refresh(ids uuid[]) returns void
    language sql volatile as $$
    insert into application_report as r (application_id, role_id, source, submitted_at, stage, furthest,
                                          days_submitted, days_screening, days_interviewing, days_offered,
                                          hired_at, decided_at, updated_at)
    select a.id, a.role_id, a.source, a.submitted_at,
           (array_agg(s.to_stage order by s.id desc))[1],
           max(case s.to_stage when 'SCREENING' then 1 when 'INTERVIEWING' then 2 when 'OFFERED' then 3
                               when 'HIRED' then 4 else 0 end),
           max(s.days) filter (where s.to_stage = 'SUBMITTED'),
           max(s.days) filter (where s.to_stage = 'SCREENING'),
           max(s.days) filter (where s.to_stage = 'INTERVIEWING'),
           max(s.days) filter (where s.to_stage = 'OFFERED'),
           (array_agg(s.changed_at order by s.id) filter (where s.to_stage = 'HIRED'))[1],
           (array_agg(s.changed_at order by s.id)
                filter (where s.to_stage in ('HIRED', 'REJECTED', 'WITHDRAWN')))[1],
           (array_agg(s.changed_at order by s.id) filter (where s.from_stage is not null))[1]
      from (select sc.application_id, sc.id, sc.from_stage, sc.to_stage, sc.changed_at,
                   cast(floor(extract(epoch from (lead(sc.changed_at) over w - sc.changed_at)) * 1000)
                        as double precision) / cast(1000 as double precision)
                   / cast(86400 as double precision) as days
              from unnest(ids) as i(id)
              join stage_change sc on sc.application_id = i.id
            window w as (partition by sc.application_id order by sc.id)) s
      join application a on a.id = s.application_id
     group by a.id, a.role_id, a.source, a.submitted_at
    on conflict (application_id) do update
       set role_id = excluded.role_id, source = excluded.source, submitted_at = excluded.submitted_at,
           stage = excluded.stage, furthest = excluded.furthest,
           days_submitted = excluded.days_submitted, days_screening = excluded.days_screening,
           days_interviewing = excluded.days_interviewing, days_offered = excluded.days_offered,
           hired_at = excluded.hired_at, decided_at = excluded.decided_at, updated_at = excluded.updated_at
$$;

create function application_report_changed() returns trigger
    language plpgsql as $$
begin
    perform application_report_refresh(array(select distinct application_id from inserted));
    return null;
end
$$;

-- Every stage change (the submission's first one included) rebuilds its application's row in the same
-- transaction. Created before the backfill, so (as above) nothing is written in between.
create trigger stage_change_application_report
    after insert on stage_change referencing new table as inserted
    for each statement execute function application_report_changed();

select application_report_refresh(array(select id from application));
