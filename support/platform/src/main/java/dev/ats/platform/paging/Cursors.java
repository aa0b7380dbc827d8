package dev.ats.platform.paging;

import dev.ats.platform.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort key values of the last row of a page, base64url-encoded. A cursor
 * that was not made here is a 400, never a 500.
 */
public final class Cursors {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;
  private static final char SEPARATOR = '\u001f';

  private Cursors() {}

  public static String encode(Object... values) {
    StringBuilder raw = new StringBuilder("v1");
    for (Object value : values) {
      raw.append(SEPARATOR).append(value);
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The values encoded in {@code cursor}, or null for no cursor (the first page). */
  public static List<String> decode(String cursor, int expectedValues) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      List<String> parts = List.of(raw.split(String.valueOf(SEPARATOR), -1));
      if (parts.size() == expectedValues + 1 && parts.get(0).equals("v1")) {
        return parts.subList(1, parts.size());
      }
    } catch (IllegalArgumentException e) {
      // falls through to the 400 below
    }
    throw ApiException.badRequest("cursor is not one that this list returned");
  }

  /** The page size: {@value #DEFAULT_LIMIT} by default, between 1 and {@value #MAX_LIMIT}. */
  public static int limit(Integer requested) {
    if (requested == null) {
      return DEFAULT_LIMIT;
    }
    if (requested < 1 || requested > MAX_LIMIT) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    return requested;
  }
}
