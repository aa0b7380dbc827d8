package dev.ats.webapp;

import dev.ats.infra.test.Architecture;
import org.junit.jupiter.api.Test;

/** web's layers, as every service's: rest/ → service/; nothing below rest/ knows it. */
class ArchitectureTest {

  @Test
  void shouldKeepTheLayersOfEveryService() {
    Architecture.assertLayered("dev.ats.webapp");
  }
}
