-- Search (issue 13's benchmark): one function that is not marked PARALLEL SAFE anywhere in a statement
-- forbids a parallel plan for all of it, and the search's statement calls application_search_text (for
-- ts_headline). These functions only read (or compute): they are safe to run in a parallel worker, so a
-- search's per-match work (the heap visit of the GIN index's matches, ts_rank) may run in parallel
-- workers below a Gather, and only the top rows, the join with the name matches and ts_headline in the
-- leader. application_search_refresh writes: it stays parallel unsafe.
alter function application_search_documents(uuid) parallel safe;
alter function application_search_answers(jsonb) parallel safe;
alter function application_search_text(uuid, boolean) parallel safe;
alter function application_search_rank(tsvector) parallel safe;
