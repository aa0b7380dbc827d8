package dev.ats.gateway.upstream;

import dev.ats.gateway.config.GatewayConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The services behind the gateway, and which path under /api/v1 goes to which; {@link #WEB} serves
 * the pages ({@code /careers/**}, {@code /board/**} and their assets) and has no API.
 */
public enum Service {
  ROLES,
  APPLICATIONS,
  NOTIFICATIONS,
  WEB;

  /** The services with a part of the public API (and an OpenAPI document): all but {@link #WEB}. */
  public static List<Service> apis() {
    return List.of(ROLES, APPLICATIONS, NOTIFICATIONS);
  }

  /**
   * {@code roles} → ROLES; {@code applications}, {@code candidates} and {@code documents} →
   * APPLICATIONS; …
   */
  public static Optional<Service> forFamily(String family) {
    return switch (family) {
      case "roles" -> Optional.of(ROLES);
      case "applications", "candidates", "documents" -> Optional.of(APPLICATIONS);
      case "notifications" -> Optional.of(NOTIFICATIONS);
      default -> Optional.empty();
    };
  }

  /**
   * The service that answers a path below {@code /api/v1}, e.g. {@code [applications, 42, notes]}:
   * by its first segment ({@link #forFamily}), except that a role's pipeline ({@code
   * roles/{id}/pipeline}) and the reports ({@code reports/**}) are applications-service's, which
   * holds the applications they count.
   */
  public static Optional<Service> forPath(List<String> segments) {
    if (segments.isEmpty()) {
      return Optional.empty();
    }
    if (segments.get(0).equals("reports")
        || (segments.size() == 3
            && segments.get(0).equals("roles")
            && segments.get(2).equals("pipeline"))) {
      return Optional.of(APPLICATIONS);
    }
    return forFamily(segments.get(0));
  }

  /** {@code roles}, {@code applications}, {@code notifications} (the API services) by key. */
  public static Optional<Service> named(String name) {
    for (Service service : apis()) {
      if (service.key().equals(name)) {
        return Optional.of(service);
      }
    }
    return Optional.empty();
  }

  /** Lower-cased once: it labels every forwarded request's metrics. */
  private final String key = name().toLowerCase(Locale.ROOT);

  public String key() {
    return key;
  }

  public URI baseUrl(GatewayConfig config) {
    return switch (this) {
      case ROLES -> config.routes().roles();
      case APPLICATIONS -> config.routes().applications();
      case NOTIFICATIONS -> config.routes().notifications();
      case WEB -> config.routes().web();
    };
  }

  public Duration timeout(GatewayConfig config) {
    return switch (this) {
      case ROLES -> config.timeouts().roles();
      case APPLICATIONS -> config.timeouts().applications();
      case NOTIFICATIONS -> config.timeouts().notifications();
      case WEB -> config.timeouts().web();
    };
  }
}
