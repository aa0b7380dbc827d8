package dev.ats.webapp.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.web.security.Groups;
import dev.ats.webapp.config.WebConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The production sign-in: after the OpenID Connect authorization code flow (Quarkus' {@code
 * quarkus-oidc}, on {@code /board/sign-in/oidc} only), the identity provider's access token becomes
 * the board's session, the token sent to the gateway with every call, exactly as the dev sign-in's
 * token is. The gateway verifies it (signature from the provider's JWKS, issuer, expiry) and reads
 * its groups; this reads them only to choose what the board shows. Off unless {@code
 * quarkus.oidc.tenant-enabled}.
 */
@ApplicationScoped
public class OidcSignIn {

  private final WebConfig config;
  private final ObjectMapper json;
  private final boolean enabled;
  private final Optional<String> clientId;

  public OidcSignIn(
      WebConfig config,
      ObjectMapper json,
      @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean enabled,
      @ConfigProperty(name = "quarkus.oidc.client-id") Optional<String> clientId) {
    this.config = config;
    this.json = json;
    this.enabled = enabled;
    this.clientId = clientId;
  }

  public boolean enabled() {
    return enabled;
  }

  /** What the identity provider said about who signed in. */
  public record Tokens(String accessToken, String name, String endSessionUri) {}

  /**
   * The session for the provider's access token, or empty when the token is not a JWT or its user
   * is in neither the recruiter nor the hiring-manager group. The session ends when the token
   * expires (or after the session's maximum age, whichever is sooner); signing out then goes to the
   * provider's end-session endpoint, if it has one, and back to {@code signInPage}.
   */
  public Optional<SignedIn> signIn(Tokens tokens, URI signInPage) {
    Optional<JsonNode> claims = claims(tokens.accessToken());
    if (claims.isEmpty()) {
      return Optional.empty();
    }
    Set<String> groups = groups(claims.get());
    String group =
        groups.contains(Groups.RECRUITER)
            ? Groups.RECRUITER
            : groups.contains(Groups.HIRING_MANAGER) ? Groups.HIRING_MANAGER : null;
    if (group == null) {
      return Optional.empty();
    }
    Instant expires = Instant.now().plus(config.session().maxAge());
    long exp = claims.get().path("exp").asLong(0);
    if (exp > 0 && Instant.ofEpochSecond(exp).isBefore(expires)) {
      expires = Instant.ofEpochSecond(exp);
    }
    String name =
        tokens.name() == null || tokens.name().isBlank()
            ? claims.get().path("sub").asText("")
            : tokens.name();
    return Optional.of(
        new SignedIn(
            tokens.accessToken(),
            name.length() > 100 ? name.substring(0, 100) : name,
            group,
            expires,
            signOutUrl(tokens.endSessionUri(), signInPage)));
  }

  /**
   * RP-initiated logout: the provider's end-session endpoint with this client's id and where to
   * come back (Keycloak asks the user to confirm without an {@code id_token_hint}, which the
   * session does not keep: the cookie holds the access token only).
   */
  private String signOutUrl(String endSessionUri, URI signInPage) {
    if (endSessionUri == null || endSessionUri.isBlank()) {
      return null;
    }
    StringBuilder url = new StringBuilder(endSessionUri);
    url.append(endSessionUri.contains("?") ? '&' : '?')
        .append("post_logout_redirect_uri=")
        .append(URLEncoder.encode(signInPage.toString(), StandardCharsets.UTF_8));
    clientId.ifPresent(
        id -> url.append("&client_id=").append(URLEncoder.encode(id, StandardCharsets.UTF_8)));
    return url.toString();
  }

  /** The groups at the configured claim path (a list, or one string). */
  private Set<String> groups(JsonNode claims) {
    JsonNode node = claims;
    for (String part : config.oidc().groupsClaim().split("/")) {
      node = node.path(part);
    }
    Set<String> groups = new HashSet<>();
    if (node.isArray()) {
      node.forEach(g -> groups.add(g.asText()));
    } else if (node.isTextual()) {
      groups.add(node.asText());
    }
    return groups;
  }

  /**
   * The access token's claims, read without verifying its signature: it came from the provider's
   * token endpoint over the back channel just now, and the gateway verifies it on every call.
   */
  private Optional<JsonNode> claims(String token) {
    if (token == null) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(json.readTree(Base64.getUrlDecoder().decode(parts[1])));
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
