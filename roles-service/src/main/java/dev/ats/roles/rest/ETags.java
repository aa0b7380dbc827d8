package dev.ats.roles.rest;

import dev.ats.web.error.ApiException;

/** Reads the role version from an {@code If-Match} header; the ETag is the version in quotes. */
final class ETags {

  private ETags() {}

  /** The ETag of {@code version}: the number in quotes. */
  static String of(long version) {
    return "\"" + version + "\"";
  }

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
    String tag = ifMatch.strip();
    if (tag.equals("*")) {
      throw ApiException.preconditionRequired(
          "If-Match: * is not enough here: send the role's ETag, e.g. If-Match: \"3\"");
    }
    if (tag.startsWith("W/")) {
      tag = tag.substring(2);
    }
    if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
      tag = tag.substring(1, tag.length() - 1);
    }
    try {
      return Long.parseLong(tag);
    } catch (NumberFormatException e) {
      throw ApiException.preconditionFailed(
          "If-Match " + ifMatch.strip() + " is not an ETag of this role");
    }
  }
}
