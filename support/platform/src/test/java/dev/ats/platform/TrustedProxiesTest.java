package dev.ats.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TrustedProxies;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every service trusts loopback proxies, written so that checking one never needs DNS. */
class TrustedProxiesTest {

  @Test
  void shouldNameEveryTrustedProxyAsACidrSoNoRequestWaitsForDns() {
    assertThat(
            TrustedProxies.assertEveryEntryIsACidr(
                Path.of("src/main/resources/META-INF/microprofile-config.properties")))
        .contains("127.0.0.0/8", "::1/128");
  }
}
