package dev.ats.web.paging;

import dev.ats.web.error.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

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

  /**
   * The position after which a page starts, for the lists sorted by a timestamp and an id (every
   * list here): {@code (at, id)} of the last row of the previous page.
   */
  public record Position(Instant at, UUID id) {}

  /** A cursor for the list position {@code (at, id)}. */
  public static String encode(Instant at, UUID id) {
    return encode((Object) at, id);
  }

  /**
   * The position in {@code cursor}, or null for no cursor (the first page); a cursor this list did
   * not return is a 400.
   */
  public static Position position(String cursor) {
    List<String> values = decode(cursor, 2);
    if (values == null) {
      return null;
    }
    try {
      return new Position(Instant.parse(values.get(0)), UUID.fromString(values.get(1)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw ApiException.badRequest("cursor is not one that this list returned");
    }
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
