package dev.ats.infra.test;

import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * Bearer tokens for tests, signed with the test-only key pair under {@code ats-test-only-keys/}.
 * The services under test are configured by {@link AtsTestInfrastructure} to trust that key.
 */
public final class TestTokens {

  public static final String PUBLIC_KEY_LOCATION = "ats-test-only-keys/public.pem";
  private static final String PRIVATE_KEY_LOCATION = "ats-test-only-keys/private.pem";
  private static final String FORGED_KEY_LOCATION = "ats-test-only-keys/forged-private.pem";

  private TestTokens() {}

  /** {@code Authorization} header value for a caller with the given groups. */
  public static String bearer(String subject, String... groups) {
    return "Bearer " + token(subject, groups);
  }

  public static String recruiter() {
    return bearer("rita.recruiter@ats.test", "recruiter");
  }

  public static String hiringManager() {
    return bearer("hank.manager@ats.test", "hiring-manager");
  }

  public static String integration() {
    return bearer("hr-sync@ats.test", "integration");
  }

  public static String token(String subject, String... groups) {
    return Jwt.issuer(AtsTestInfrastructure.JWT_ISSUER)
        .subject(subject)
        .upn(subject)
        .groups(Set.of(groups))
        .expiresIn(Duration.ofHours(1))
        .sign(PRIVATE_KEY_LOCATION);
  }

  /** Signed with a key the services do not trust. */
  public static String forged(String subject, String... groups) {
    return Jwt.issuer(AtsTestInfrastructure.JWT_ISSUER)
        .subject(subject)
        .groups(Set.of(groups))
        .expiresIn(Duration.ofHours(1))
        .sign(FORGED_KEY_LOCATION);
  }

  /** The {@code alg: none} attack: a well-formed token with no signature at all. */
  public static String unsigned(String subject, String... groups) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    String claims =
        "{\"iss\":\""
            + AtsTestInfrastructure.JWT_ISSUER
            + "\",\"sub\":\""
            + subject
            + "\",\"groups\":[\""
            + String.join("\",\"", groups)
            + "\"],\"exp\":"
            + Instant.now().plus(Duration.ofHours(1)).getEpochSecond()
            + "}";
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  /** Correctly signed, but expired an hour ago. */
  public static String expired(String subject, String... groups) {
    Instant issued = Instant.now().minus(Duration.ofHours(2));
    return Jwt.issuer(AtsTestInfrastructure.JWT_ISSUER)
        .subject(subject)
        .groups(Set.of(groups))
        .issuedAt(issued)
        .expiresAt(issued.plus(Duration.ofHours(1)))
        .sign(PRIVATE_KEY_LOCATION);
  }

  /** Correctly signed by the trusted key, but issued by someone else. */
  public static String wrongIssuer(String subject, String... groups) {
    return Jwt.issuer("https://evil.example")
        .subject(subject)
        .groups(Set.of(groups))
        .expiresIn(Duration.ofHours(1))
        .sign(PRIVATE_KEY_LOCATION);
  }
}
