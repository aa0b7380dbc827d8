-- Search (issue 13): GET /api/v1/applications?q= ranks applications by PostgreSQL full-text search over
-- what recruiters know of the candidate, and matches names and e-mail addresses by part and despite typos.
--
-- Kept on the application row itself, so that the list's filters (role, stage, eligibility, dates) and
-- the search apply to one table:
--   search_vector  weighted tsvector: A names and e-mail, B school and degree, C the answers' strings,
--                  D the extracted text of the application's documents (résumé, cover letter, …)
--   search_names   "first last email", lower case: trigram matches (part of a name or address, typos)
-- Both are rebuilt from what is stored, by application_search_refresh(ids), which the service calls on
-- submission, on erasure and when a document's text changes (DocumentTextChanged): an erased candidate's
-- vector holds nothing of their old name or address.
create extension if not exists pg_trgm;

alter table application
    add column search_vector tsvector not null default ''::tsvector,
    add column search_names  text     not null default '';

-- The text search configuration is 'english' everywhere (vector, query, headline); the documents' text
-- counts up to its first 100 000 characters (a tsvector has a 1 MB limit; a résumé is far shorter).
create function application_search_documents(app_id uuid) returns text
    language sql stable as $$
    select left(coalesce(string_agg(d.extracted_text, ' ' order by d.uploaded_at, d.id), ''), 100000)
      from document d
     where d.application_id = app_id and d.extracted_text is not null
$$;

-- The answers' string values (numbers, booleans and dates say nothing worth searching).
create function application_search_answers(answers jsonb) returns text
    language sql immutable as $$
    select coalesce(string_agg(v #>> '{}', ' '), '')
      from jsonb_path_query(coalesce(answers, '{}'::jsonb), 'strict $.**') v
     where jsonb_typeof(v) = 'string'
$$;

-- Everything a search can match, as plain text (what ts_headline draws its snippet from); the documents'
-- text only when the caller may read the documents.
create function application_search_text(app_id uuid, with_documents boolean) returns text
    language sql stable as $$
    select concat_ws(' ', c.first_name, c.last_name, c.email, c.school, c.degree,
                     application_search_answers(a.answers),
                     case when with_documents then application_search_documents(a.id) end)
      from application a
      join candidate c on c.id = a.candidate_id
     where a.id = app_id
$$;

create function application_search_refresh(ids uuid[]) returns void
    language sql volatile as $$
    update application a
       set search_vector =
               setweight(to_tsvector('english', concat_ws(' ', c.first_name, c.last_name, c.email)), 'A')
            || setweight(to_tsvector('english', concat_ws(' ', c.school, c.degree)), 'B')
            || setweight(to_tsvector('english', application_search_answers(a.answers)), 'C')
            || setweight(to_tsvector('english', application_search_documents(a.id)), 'D'),
           search_names = lower(concat_ws(' ', c.first_name, c.last_name, c.email))
      from candidate c, unnest(ids) as ids_(id)
     where c.id = a.candidate_id and a.id = ids_.id
$$;

select application_search_refresh(array(select id from application));

create index application_search on application using gin (search_vector);
create index application_search_names on application using gin (search_names gin_trgm_ops);
