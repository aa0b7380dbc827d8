package dev.ats.applications;

import dev.ats.infra.test.AtsTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Real PostgreSQL (database "applications") and a real Kafka broker for every test of this service.
 */
@WithTestResource(
    value = AtsTestInfrastructure.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = "database", value = "applications"))
public class TestInfrastructure {}
