-- GET /api/v1/roles?q= matches part of the title, description or team, case-insensitively
-- (lower(column) like '%q%'). Trigram GIN indexes on exactly those expressions let PostgreSQL answer
-- it with a bitmap index scan (one per column, OR-ed) instead of reading every role.
create extension if not exists pg_trgm;

create index role_title_trgm on role using gin (lower(title) gin_trgm_ops);
create index role_description_trgm on role using gin (lower(description) gin_trgm_ops);
create index role_team_trgm on role using gin (lower(team) gin_trgm_ops);
