-- A board's counts (GET /api/v1/roles/{roleId}/pipeline): applications of one role per stage and eligibility
-- outcome, answered from this index alone (an index-only scan of the role's entries, no table or full scan).
create index application_role_stage_eligibility on application (role_id, stage, eligibility_outcome);
