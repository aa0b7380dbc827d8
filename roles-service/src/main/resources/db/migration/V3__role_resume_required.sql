-- Issue 13: whether applications to the role must attach a RESUME document. New roles require one unless the
-- recruiter says otherwise (the REST default is true); roles created before this did not ask for one, and
-- keep accepting applications without one until a recruiter changes that.
alter table role add column resume_required boolean not null default false;
alter table role alter column resume_required set default true;
