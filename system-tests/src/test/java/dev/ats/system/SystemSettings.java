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
              // refilled by about one an hour: a test can count what one address used
              // (WebSystemTest's visitors through web)
              "ATS_GATEWAY_RATE_LIMIT_ANONYMOUS_PERIOD", "100000h",
              "ATS_GATEWAY_RATE_LIMIT_ANONYMOUS_SUBMIT_LIMIT", "100000");
      case "web" ->
          Map.of(
              "ATS_WEB_DEV_SIGN_IN_ENABLED",
              "true",
              "ATS_WEB_DEV_SIGN_IN_PRIVATE_KEY_LOCATION",
              testPrivateKey().toString(),
              "ATS_WEB_DEV_SIGN_IN_ISSUER",
              SystemUnderTest.JWT_ISSUER,
              "ATS_WEB_SESSION_SECURE",
              "false",
              // WebSystemTest embeds the careers form in a page of its own on
              // http://localhost:<port>
              "ATS_WEB_EMBED_FRAME_ANCESTORS",
              "'self' http://localhost:*");
      default -> Map.of();
    };
  }

  /**
   * The test-only private key (the services trust its public half), as a file for web's sign-in.
   */
  private static synchronized java.nio.file.Path testPrivateKey() {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("ats-test-private", ".pem");
      file.toFile().deleteOnExit();
      try (java.io.InputStream in =
          SystemSettings.class
              .getClassLoader()
              .getResourceAsStream("ats-test-only-keys/private.pem")) {
        java.nio.file.Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
