package dev.ats.roles.rest;

import dev.ats.web.error.ApiException;
import dev.ats.web.http.ETags;

/** Reads the role version a change is based on from its {@code If-Match} header. */
final class IfMatch {

  private IfMatch() {}

  /** PATCH: the header is required (428 without it), and must name a version (412 if not). */
  static long required(String ifMatch) {
    Long version = optional(ifMatch);
    if (version == null) {
      throw ApiException.preconditionRequired(
          "send If-Match with the role's ETag (as returned by GET), e.g. If-Match: \"3\"");
    }
    return version;
  }

  /** Status changes: the header is optional; if sent, it must match. */
  static Long optional(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      return null;
    }
    if (ifMatch.strip().equals("*")) {
      throw ApiException.preconditionRequired(
          "If-Match: * is not enough here: send the role's ETag, e.g. If-Match: \"3\"");
    }
    Long version = ETags.version(ifMatch);
    if (version == null) {
      throw ApiException.preconditionFailed(
          "If-Match " + ifMatch.strip() + " is not an ETag of this role");
    }
    return version;
  }
}
