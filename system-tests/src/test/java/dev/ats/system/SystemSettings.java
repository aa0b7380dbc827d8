package dev.ats.system;

import java.util.Map;

/**
 * Settings the system tests give each service on top of the production defaults: faster delivery
 * retries (so an SMTP outage of a minute never exhausts them), and rate limits high enough for the
 * bursts one test client sends from one address.
 */
final class SystemSettings {

  private SystemSettings() {}

  static Map<String, String> forService(String name) {
    return switch (name) {
      case "notifications" ->
          Map.of(
              "ATS_NOTIFICATIONS_DELIVERY_BASE_BACKOFF", "PT0.5S",
              "ATS_NOTIFICATIONS_DELIVERY_MAX_BACKOFF", "PT4S",
              "ATS_NOTIFICATIONS_DELIVERY_MAX_ATTEMPTS", "60");
      case "gateway" ->
          Map.of(
              "ATS_GATEWAY_RATE_LIMIT_AUTHENTICATED_LIMIT", "100000",
              "ATS_GATEWAY_RATE_LIMIT_ANONYMOUS_LIMIT", "100000",
              "ATS_GATEWAY_RATE_LIMIT_ANONYMOUS_SUBMIT_LIMIT", "100000");
      default -> Map.of();
    };
  }
}
