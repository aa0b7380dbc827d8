package dev.ats.notifications;

import dev.ats.infra.test.AtsTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Real PostgreSQL (database "notifications") and a real Kafka broker for every test of this
 * service.
 */
@WithTestResource(
    value = AtsTestInfrastructure.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = "database", value = "notifications"))
public class TestInfrastructure {}
