package dev.ats.notifications;

import dev.ats.infra.test.Architecture;
import org.junit.jupiter.api.Test;

/** Dependencies point one way: rest/ and messaging/ → service/ → events/ and domain/. */
class ArchitectureTest {

  @Test
  void shouldKeepTheLayersPointingOneWay() {
    Architecture.assertLayered("dev.ats.notifications");
  }
}
