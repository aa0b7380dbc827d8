-- Issue 13: whether the role requires a RESUME document with each submission. Roles copied before their
-- events carried the field (and events without it) do not require one.
alter table role_copy add column resume_required boolean not null default false;
