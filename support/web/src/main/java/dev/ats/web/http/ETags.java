package dev.ats.web.http;

import java.util.Arrays;

/**
 * Entity tags as every service makes them: a resource's version in quotes ({@code "4"}). Used for
 * {@code If-Match} on changes (each service decides what a missing or {@code *} one means) and
 * {@code If-None-Match} on reads ({@link ConditionalGet}).
 */
public final class ETags {

  private ETags() {}

  /** The ETag of {@code version}: the number in quotes. */
  public static String of(long version) {
    return "\"" + version + "\"";
  }

  /**
   * The version an entity tag names ({@code "3"}, {@code W/"3"} or {@code 3}), or null if it names
   * none.
   */
  public static Long version(String tag) {
    String value = opaque(tag);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * True if an {@code If-None-Match} header matches {@code etag}: {@code *}, or a list of tags one
   * of which equals it by weak comparison (RFC 9110 13.1.2: {@code W/} is ignored).
   */
  public static boolean noneMatchHits(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || etag == null) {
      return false;
    }
    String current = opaque(etag);
    return Arrays.stream(ifNoneMatch.split(","))
        .map(String::strip)
        .anyMatch(tag -> tag.equals("*") || opaque(tag).equals(current));
  }

  private static String opaque(String tag) {
    String value = tag == null ? "" : tag.strip();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1);
    }
    return value;
  }
}
