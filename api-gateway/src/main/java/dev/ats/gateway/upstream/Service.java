package dev.ats.gateway.upstream;

import dev.ats.gateway.config.GatewayConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** The services behind the gateway, and which first path segment under /api/v1 goes to which. */
public enum Service {
  ROLES,
  APPLICATIONS,
  NOTIFICATIONS;

  /** {@code roles} → ROLES; {@code applications} and {@code candidates} → APPLICATIONS; … */
  public static Optional<Service> forFamily(String family) {
    return switch (family) {
      case "roles" -> Optional.of(ROLES);
      case "applications", "candidates" -> Optional.of(APPLICATIONS);
      case "notifications" -> Optional.of(NOTIFICATIONS);
      default -> Optional.empty();
    };
  }

  /** {@code roles}, {@code applications}, {@code notifications}: as in the configuration keys. */
  public static Optional<Service> named(String name) {
    for (Service service : values()) {
      if (service.key().equals(name)) {
        return Optional.of(service);
      }
    }
    return Optional.empty();
  }

  public String key() {
    return name().toLowerCase();
  }

  public URI baseUrl(GatewayConfig config) {
    return switch (this) {
      case ROLES -> config.routes().roles();
      case APPLICATIONS -> config.routes().applications();
      case NOTIFICATIONS -> config.routes().notifications();
    };
  }

  public Duration timeout(GatewayConfig config) {
    return switch (this) {
      case ROLES -> config.timeouts().roles();
      case APPLICATIONS -> config.timeouts().applications();
      case NOTIFICATIONS -> config.timeouts().notifications();
    };
  }
}
