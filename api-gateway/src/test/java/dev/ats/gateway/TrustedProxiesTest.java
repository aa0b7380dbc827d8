package dev.ats.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TrustedProxies;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The loopback proxies trusted by default are CIDRs, so checking one never needs DNS. */
class TrustedProxiesTest {

  @Test
  void shouldNameEveryTrustedProxyAsACidrSoNoRequestWaitsForDns() {
    assertThat(
            TrustedProxies.assertEveryEntryIsACidr(
                Path.of("src/main/resources/application.properties")))
        .contains("127.0.0.0/8", "::1/128");
  }
}
