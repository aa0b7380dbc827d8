package dev.ats.roles.domain;

public enum EmploymentType {
  INTERNSHIP,
  FULL_TIME,
  PART_TIME,
  CONTRACT
}
