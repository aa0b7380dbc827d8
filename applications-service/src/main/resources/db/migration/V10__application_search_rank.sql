-- Search cost (issue 13's benchmark): ranking read every match's whole search_vector. A résumé's vector is
-- about 3 kB, stored out of line (TOAST), so a word in a third of 100 000 résumés fetched and decompressed
-- some 110 MB for one page, and ts_rank_cd walked every position of it: 1.8 s at the database.
--
-- search_rank is what the rank needs, small enough to stay in the row (about 400 bytes for a 250-word
-- résumé): everything weighted A to C (names, e-mail, school, degree, answers) and the documents' words
-- (D) that occur at least twice. A document word that occurs once ranks as the lowest rank of a match (the
-- service's floor, one D-weighted occurrence), so the rank still grows with how often a word occurs, and
-- search_vector (GIN) still decides what matches: the same results, read from a short row.
alter table application
    add column search_rank tsvector not null default ''::tsvector;

create function application_search_rank(vector tsvector) returns tsvector
    language sql immutable as $$
    select ts_delete(vector, array(select u.lexeme
                                     from unnest(vector) u
                                    where u.weights = '{D}' and cardinality(u.positions) < 2))
$$;

create or replace function application_search_refresh(ids uuid[]) returns void
    language sql volatile as $$
    update application a
       set search_vector = v.vector,
           search_rank = application_search_rank(v.vector),
           search_names = v.names
      from (select a2.id,
                   setweight(to_tsvector('english', concat_ws(' ', c.first_name, c.last_name, c.email)), 'A')
                || setweight(to_tsvector('english', concat_ws(' ', c.school, c.degree)), 'B')
                || setweight(to_tsvector('english', application_search_answers(a2.answers)), 'C')
                || setweight(to_tsvector('english', application_search_documents(a2.id)), 'D') as vector,
                   lower(concat_ws(' ', c.first_name, c.last_name, c.email)) as names
              from application a2
              join candidate c on c.id = a2.candidate_id
             where a2.id = any(ids)) v
     where a.id = v.id
$$;

update application set search_rank = application_search_rank(search_vector);
