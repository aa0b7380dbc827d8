package dev.ats.webapp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Everything the web front end can be told ({@code ATS_WEB_*}). */
@ConfigMapping(prefix = "ats.web")
public interface WebConfig {

  /** The gateway, the only thing this application calls ({@code ATS_WEB_GATEWAY_URL}). */
  @WithDefault("http://localhost:8080")
  URI gatewayUrl();

  /** How long the gateway may take to answer one call. */
  @WithDefault("15s")
  Duration gatewayTimeout();

  /** The privacy-policy version a candidate accepts with the consent checkbox. */
  @WithDefault("2026-01")
  String privacyPolicyVersion();

  /** The {@code source} recorded on applications made on the careers page. */
  @WithDefault("careers-page")
  String applicationSource();

  Embed embed();

  DevSignIn devSignIn();

  Session session();

  Oidc oidc();

  /** {@code ?embed=1} pages, shown inside another site's iframe. */
  interface Embed {
    /**
     * The CSP {@code frame-ancestors} of embed pages only (every other page: {@code 'none'}), e.g.
     * {@code https://www.example.com}.
     */
    @WithDefault("'self'")
    String frameAncestors();
  }

  /**
   * The local stack's sign-in: a token signed with the local key for a chosen group. Refused unless
   * enabled; the local stack and the system tests enable it, production never does.
   */
  interface DevSignIn {
    @WithDefault("false")
    boolean enabled();

    /** The PEM private key the services' public key verifies ({@code .ats/keys/private.pem}). */
    Optional<String> privateKeyLocation();

    /** The issuer the services expect. */
    @WithDefault("https://ats.local")
    String issuer();
  }

  /** The signed-in recruiter's session cookie (AES-GCM encrypted, HttpOnly, SameSite=Strict). */
  interface Session {
    /** A secret of at least 32 characters; without one a random key (sessions end on restart). */
    Optional<String> encryptionKey();

    @WithDefault("8h")
    Duration maxAge();

    /** Send the cookie over HTTPS only (set false only for plain-HTTP local use). */
    @WithDefault("true")
    boolean secure();
  }

  /**
   * The OpenID Connect sign-in (production). The provider itself is configured with Quarkus' own
   * {@code QUARKUS_OIDC_*} variables (README "Sign-in"); these say how its tokens are read.
   */
  interface Oidc {
    /**
     * Where the access token carries the user's groups, as the gateway reads them ({@code
     * smallrye.jwt.path.groups}): a claim name, or a path with {@code /} (e.g. {@code
     * realm_access/roles}).
     */
    @WithDefault("groups")
    String groupsClaim();
  }
}
