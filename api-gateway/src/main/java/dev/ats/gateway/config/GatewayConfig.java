package dev.ats.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/**
 * Everything the gateway can be told: where the services are, how long to wait, how much to let in.
 */
@ConfigMapping(prefix = "ats.gateway")
public interface GatewayConfig {

  /** Base URLs of the services ({@code ATS_GATEWAY_ROUTES_ROLES} and so on). */
  Routes routes();

  Timeouts timeouts();

  RateLimit rateLimit();

  TokenCache tokenCache();

  BodyLimit bodyLimit();

  /**
   * Request bodies, refused with a 413 problem past their limit (by declared length, or while a
   * chunked body is read): {@code max-bytes} everywhere, {@code documents-max-bytes} on exactly
   * {@code POST /api/v1/documents} (a 10 MiB document plus 64 KiB of multipart framing, streamed to
   * applications-service). {@code quarkus.http.limits.max-body-size} must be at least the larger.
   */
  interface BodyLimit {
    @WithDefault("1048576")
    long maxBytes();

    @WithDefault("10551296")
    long documentsMaxBytes();
  }

  /**
   * Verified bearer tokens kept so that the same token is not verified again on every request (see
   * {@code VerifiedTokens}): never past the token's {@code exp}, nor longer than {@code max-age}.
   */
  interface TokenCache {
    /** At most this many tokens (0 turns the cache off). */
    @WithDefault("10000")
    int maxEntries();

    /** How long a verification is trusted at most (a rotated key is noticed within this). */
    @WithDefault("5m")
    Duration maxAge();
  }

  interface Routes {
    URI roles();

    URI applications();

    URI notifications();

    /** The web front end: careers page and recruiter board ({@code ATS_GATEWAY_ROUTES_WEB}). */
    @WithDefault("http://localhost:8084")
    URI web();
  }

  /**
   * How long to wait. A service that cannot be reached within {@code connect} is answered with 502;
   * one that sends nothing for its route's timeout is answered with 504.
   */
  interface Timeouts {
    @WithDefault("2s")
    Duration connect();

    @WithDefault("15s")
    Duration roles();

    @WithDefault("15s")
    Duration applications();

    @WithDefault("15s")
    Duration notifications();

    @WithDefault("15s")
    Duration web();
  }

  /**
   * Token buckets per caller: {@code limit} requests, refilled evenly over {@code period}. Kept in
   * memory, so every gateway replica counts on its own.
   */
  interface RateLimit {
    @WithDefault("true")
    boolean enabled();

    /** Callers with a valid token, counted by token subject. */
    @WithDefault("600")
    int authenticatedLimit();

    @WithDefault("1m")
    Duration authenticatedPeriod();

    /** Callers without a token (or with an invalid one), counted by client address. */
    @WithDefault("120")
    int anonymousLimit();

    @WithDefault("1m")
    Duration anonymousPeriod();

    /** Anonymous application submits ({@code POST /api/v1/applications}), by client address. */
    @WithDefault("10")
    int anonymousSubmitLimit();

    @WithDefault("10m")
    Duration anonymousSubmitPeriod();
  }
}
