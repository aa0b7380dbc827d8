-- Objects of a storage outside the database (an S3 bucket) whose document rows were deleted (erasure, the purge
-- of unclaimed uploads), queued in the same transaction as the deletion and deleted from the bucket only after it
-- committed, by DocumentObjectDeletions (FOR UPDATE SKIP LOCKED, retried with a growing delay, the row removed
-- once the object is gone). A rolled-back erasure therefore keeps its objects. Bytes stored in PostgreSQL
-- (document_content) are rows and go with their document row in the transaction itself: never queued here.
create table document_object_deletion (
    document_id      uuid          primary key,
    storage          varchar(20)   not null,
    storage_key      varchar(500)  not null,
    queued_at        timestamptz   not null default now(),
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null default now(),
    last_error       varchar(500)
);
create index document_object_deletion_due on document_object_deletion (next_attempt_at);

-- Text extraction: each attempt is committed before the extraction starts (TextExtractionJob), so a document whose
-- extraction crashed the process (an OutOfMemoryError starting its thread, a kill) is not taken again before
-- extraction_started_at + the job's lease, goes behind the documents never tried, and is flagged FAILED after
-- 3 attempts instead of staying at the head of the queue forever.
alter table document
    add column extraction_attempts    integer      not null default 0,
    add column extraction_started_at  timestamptz;
drop index document_extraction_pending;
create index document_extraction_pending on document (extraction_attempts, claimed_at, id)
    where extraction_state = 'PENDING' and application_id is not null;
