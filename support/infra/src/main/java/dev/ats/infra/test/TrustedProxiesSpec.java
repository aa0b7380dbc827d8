package dev.ats.infra.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The proxies a module trusts for X-Forwarded-* ({@code quarkus.http.proxy.trusted-proxies}) must
 * each be a CIDR: Quarkus takes any other entry for {@code host[:port]} and resolves the host while
 * handling requests — a bare {@code 0:0:0:0:0:0:0:1} is host {@code 0:0:0:0:0:0:0}, port 1, and on
 * a machine whose DNS does not answer every few dozen requests stalled 5 s. A module's {@code
 * TrustedProxiesTest} extends it; one whose settings are elsewhere overrides {@link #properties}.
 */
public abstract class TrustedProxiesSpec {

  /** The file that sets the module's trusted proxies. */
  protected Path properties() {
    return Path.of("src/main/resources/application.properties");
  }

  @Test
  void shouldNameEveryTrustedProxyAsACidrSoNoRequestWaitsForDns() {
    List<String> entries = entries(properties());
    for (String entry : entries) {
      if (!entry.matches(".+/\\d+")) {
        throw new AssertionError(
            properties()
                + ": trusted proxy '"
                + entry
                + "' is not a CIDR (write ::1/128, 10.0.0.0/8)");
      }
    }
    if (!entries.containsAll(List.of("127.0.0.0/8", "::1/128"))) {
      throw new AssertionError(properties() + " does not trust loopback proxies: " + entries);
    }
  }

  private static List<String> entries(Path properties) {
    java.util.Properties values = new java.util.Properties();
    try (InputStream in = Files.newInputStream(properties)) {
      values.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String trusted = values.getProperty("quarkus.http.proxy.trusted-proxies");
    if (trusted == null || trusted.isBlank()) {
      throw new AssertionError(properties + " sets no quarkus.http.proxy.trusted-proxies");
    }
    return Arrays.stream(trusted.split(",")).map(String::trim).toList();
  }
}
