package dev.ats.applications.rest;

import dev.ats.web.error.ApiException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The caller of the current request, for the endpoints that serve both bearer-token callers and
 * candidates with an access token ({@code @PermitAll} plus this check).
 */
@ApplicationScoped
public class Callers {

  public static final String TOKEN_HEADER = "X-Application-Token";

  private final SecurityIdentity identity;

  public Callers(SecurityIdentity identity) {
    this.identity = identity;
  }

  /** 401 without a valid bearer token, 403 if it has none of {@code groups}. */
  public void requireAny(String... groups) {
    if (identity.isAnonymous()) {
      throw new UnauthorizedException();
    }
    for (String group : groups) {
      if (identity.hasRole(group)) {
        return;
      }
    }
    throw new ForbiddenException();
  }

  /**
   * True for recruiters, hiring managers and integrations: they see an application whole,
   * eligibility explanations included; a candidate (or anyone else) does not.
   */
  public boolean isStaff() {
    return identity.hasRole(dev.ats.web.security.Groups.RECRUITER)
        || identity.hasRole(dev.ats.web.security.Groups.HIRING_MANAGER)
        || identity.hasRole(dev.ats.web.security.Groups.INTEGRATION);
  }

  /** True if the caller has a bearer token with one of {@code groups}. */
  public boolean isAny(String... groups) {
    for (String group : groups) {
      if (identity.hasRole(group)) {
        return true;
      }
    }
    return false;
  }

  /** The name of the authenticated caller (the token's upn, else its subject). */
  public String name() {
    return identity.getPrincipal().getName();
  }

  /** {@code "3"}, {@code W/"3"} → 3; {@code *} → null (any version). */
  public static Long parseIfMatch(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw ApiException.preconditionRequired(
          "If-Match is required: send the ETag of the application you read, e.g. If-Match: \"3\"");
    }
    String value = ifMatch.trim();
    if (value.equals("*")) {
      return null;
    }
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    value = value.replace("\"", "");
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("If-Match must be an ETag of this API, e.g. \"3\"");
    }
  }

  public static String etag(long version) {
    return "\"" + version + "\"";
  }
}
