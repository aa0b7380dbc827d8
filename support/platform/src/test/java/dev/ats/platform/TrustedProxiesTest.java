package dev.ats.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The proxies every service trusts for X-Forwarded-* are written so that checking one never needs
 * DNS: Quarkus takes any entry that is not a CIDR for {@code host[:port]} and resolves the host
 * while handling requests (a bare {@code 0:0:0:0:0:0:0:1} is host {@code 0:0:0:0:0:0:0}, port 1).
 */
class TrustedProxiesTest {

  @Test
  void shouldNameEveryTrustedProxyAsACidrSoNoRequestWaitsForDns() throws IOException {
    Properties defaults = new Properties();
    try (InputStream in =
        Files.newInputStream(
            Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
      defaults.load(in);
    }
    String trusted = defaults.getProperty("quarkus.http.proxy.trusted-proxies");

    assertThat(trusted).isNotBlank();
    assertThat(Arrays.stream(trusted.split(",")).map(String::trim))
        .allMatch(entry -> entry.matches(".+/\\d+"), "a CIDR such as 127.0.0.0/8 or ::1/128")
        .contains("127.0.0.0/8", "::1/128");
  }
}
