package dev.ats.web.security;

/**
 * The roles a bearer token can carry in its {@code groups} claim. Anonymous callers have none;
 * candidates act on their own application through its access token, not through a group.
 */
public final class Groups {

  /** Everything. */
  public static final String RECRUITER = "recruiter";

  /** Reads roles and applications, adds notes and evaluations. */
  public static final String HIRING_MANAGER = "hiring-manager";

  /** Read-only access for HR integrations. */
  public static final String INTEGRATION = "integration";

  private Groups() {}
}
