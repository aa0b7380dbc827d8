-- Documents (issue 13): files a candidate uploads (POST /api/v1/documents) and claims in a submission.
-- Metadata only: the bytes live in document_content (or an S3-compatible bucket, ats.documents.storage), so
-- listing and searching documents never reads them.
create table document (
    id                 uuid          primary key,
    -- Null until a submission claims the upload; an unclaimed upload is purged after expires_at.
    application_id     uuid          references application (id),
    kind               varchar(20),
    file_name          varchar(255)  not null,
    content_type       varchar(100)  not null,
    size_bytes         bigint        not null,
    sha256             varchar(64)   not null,
    -- SHA-256 of the upload token (the token itself is only ever in the upload's answer).
    upload_token_hash  bytea,
    -- Where the bytes are: POSTGRES (document_content) or S3 (storage_key in the bucket).
    storage            varchar(20)   not null,
    storage_key        varchar(500),
    -- Extraction: PENDING (claimed, not yet tried), DONE (text_extracted true) or FAILED (stored, no text:
    -- unparseable, encrypted, over the page, size or time limits). Only claimed documents are extracted.
    extraction_state   varchar(20)   not null default 'PENDING',
    text_extracted     boolean       not null default false,
    extracted_text     text,
    extraction_error   varchar(500),
    uploaded_at        timestamptz   not null,
    expires_at         timestamptz   not null,
    claimed_at         timestamptz,
    extracted_at       timestamptz
);
create index document_application on document (application_id, uploaded_at, id);
-- The extraction job's queue (FOR UPDATE SKIP LOCKED): claimed documents still to extract.
create index document_extraction_pending on document (claimed_at, id)
    where extraction_state = 'PENDING' and application_id is not null;
-- The housekeeping purge of uploads never claimed.
create index document_unclaimed_expiry on document (expires_at) where application_id is null;

-- The bytes of documents stored in PostgreSQL (the default storage), in chunks of at most 1 MiB written and
-- read one at a time, so a 10 MB file never sits whole in the service's memory. EXTERNAL: no compression
-- attempt on already-compressed PDFs/DOCX.
create table document_content (
    document_id  uuid     not null references document (id) on delete cascade,
    chunk        integer  not null,
    data         bytea    not null,
    primary key (document_id, chunk)
);
alter table document_content alter column data set storage external;
