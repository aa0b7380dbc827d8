package dev.ats.applications;

import dev.ats.infra.test.HealthSpec;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest extends HealthSpec {}
