package dev.ats.platform;

import dev.ats.infra.test.TrustedProxiesSpec;
import java.nio.file.Path;

/** Every service trusts loopback proxies, written so that checking one never needs DNS. */
class TrustedProxiesTest extends TrustedProxiesSpec {

  @Override
  protected Path properties() {
    return Path.of("src/main/resources/META-INF/microprofile-config.properties");
  }
}
