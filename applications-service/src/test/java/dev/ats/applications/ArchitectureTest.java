package dev.ats.applications;

import dev.ats.infra.test.Architecture;
import org.junit.jupiter.api.Test;

/** rest/ and messaging/ → service/ → events/ and domain/, never back up (CONTRIBUTING.md). */
class ArchitectureTest {

  @Test
  void shouldLetDependenciesPointOneWay() {
    Architecture.assertLayered("dev.ats.applications");
  }
}
