package dev.ats.notifications;

import dev.ats.infra.test.HealthSpec;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest extends HealthSpec {}
