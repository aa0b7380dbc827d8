package dev.ats.gateway.security;

import java.util.Set;

/**
 * Who is calling, as far as the gateway is concerned: a verified token's subject and groups, or
 * nobody ({@link #anonymous()}). A request with an invalid token never becomes a Caller: it is
 * refused with 401 before any authorisation.
 */
public record Caller(String subject, Set<String> groups) {

  public static final String RECRUITER = "recruiter";
  public static final String HIRING_MANAGER = "hiring-manager";
  public static final String INTEGRATION = "integration";

  private static final Caller ANONYMOUS = new Caller(null, Set.of());

  public static Caller anonymous() {
    return ANONYMOUS;
  }

  public boolean isAnonymous() {
    return subject == null;
  }

  public boolean is(String group) {
    return groups.contains(group);
  }
}
