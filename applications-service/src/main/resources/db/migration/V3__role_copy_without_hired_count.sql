-- roles-service is the one authority of headcount. This service no longer keeps a count of hires of its
-- own: a hire locks the role copy and counts the role's HIRED applications against its openings.
alter table role_copy drop column hired_count;
