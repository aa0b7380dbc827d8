package dev.ats.roles.domain;

public enum WorkplaceType {
  ONSITE,
  REMOTE,
  HYBRID
}
