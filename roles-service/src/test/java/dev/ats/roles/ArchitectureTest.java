package dev.ats.roles;

import dev.ats.infra.test.Architecture;
import org.junit.jupiter.api.Test;

/** rest/ and messaging/ → service/ → events/ and domain/; nothing below rest/ knows it. */
class ArchitectureTest {

  @Test
  void shouldKeepDependenciesPointingOneWay() {
    Architecture.assertLayered("dev.ats.roles");
  }
}
