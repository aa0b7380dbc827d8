package dev.ats.webapp.service;

import dev.ats.web.security.Groups;
import dev.ats.webapp.config.WebConfig;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The local stack's sign-in: a token for a chosen group, signed with the local key the services
 * trust (as {@code ./ats token} does). Refused unless {@code ats.web.dev-sign-in.enabled} and a
 * private key are configured; production signs recruiters in with OpenID Connect instead.
 */
@ApplicationScoped
public class DevSignIn {

  /** The groups one may sign in as: the board's users. */
  public static final Set<String> GROUPS = Set.of(Groups.RECRUITER, Groups.HIRING_MANAGER);

  private final WebConfig config;
  private volatile PrivateKey key;

  public DevSignIn(WebConfig config) {
    this.config = config;
  }

  public boolean enabled() {
    return config.devSignIn().enabled() && config.devSignIn().privateKeyLocation().isPresent();
  }

  /** A session for {@code name} in {@code group}, or empty if refused. */
  public Optional<SignedIn> signIn(String name, String group) {
    if (!enabled() || !GROUPS.contains(group) || name == null || name.isBlank()) {
      return Optional.empty();
    }
    String subject = name.trim().length() > 100 ? name.trim().substring(0, 100) : name.trim();
    Instant expires = Instant.now().plus(config.session().maxAge());
    String token =
        Jwt.issuer(config.devSignIn().issuer())
            .subject(subject)
            .upn(subject)
            .groups(Set.of(group))
            .expiresAt(expires)
            .sign(privateKey());
    return Optional.of(new SignedIn(token, subject, group, expires));
  }

  private PrivateKey privateKey() {
    if (key == null) {
      try {
        key =
            KeyUtils.decodePrivateKey(
                Files.readString(Path.of(config.devSignIn().privateKeyLocation().orElseThrow())));
      } catch (IOException | GeneralSecurityException e) {
        throw new IllegalStateException("the dev sign-in's private key cannot be read", e);
      }
    }
    return key;
  }

  static Duration remaining(Instant expiresAt) {
    return Duration.between(Instant.now(), expiresAt);
  }
}
