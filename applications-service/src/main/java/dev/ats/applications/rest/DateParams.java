package dev.ats.applications.rest;

import dev.ats.web.error.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Query parameters that take a date or a timestamp, the same way on every operation. */
final class DateParams {

  private DateParams() {}

  /**
   * A date (UTC; the start of the next day when {@code endOfDay}, so that the day is included) or
   * an ISO-8601 timestamp; null when absent; 400 otherwise.
   */
  static Instant instant(String name, String value, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.length() == 10) {
        LocalDate date = LocalDate.parse(value);
        return (endOfDay ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          name + " must be a date (2026-11-01) or a timestamp (2026-11-01T09:00:00Z)");
    }
  }
}
