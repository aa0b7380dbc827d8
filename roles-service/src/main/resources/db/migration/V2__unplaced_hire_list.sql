-- GET /api/v1/roles/{id}/unplaced-hires lists a role's unplaced hires newest first
-- (recorded_at desc, application_id desc): the index that keeps it a range scan.
create index unplaced_hire_role_list_order on unplaced_hire (role_id, recorded_at desc, application_id desc);
