package dev.ats.notifications;

import dev.ats.infra.test.AtsTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Real PostgreSQL (database "notifications"), a real Kafka broker and a real SMTP server
 * (GreenMail) for every test of this service.
 */
@WithTestResource(
    value = AtsTestInfrastructure.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = "database", value = "notifications"))
@WithTestResource(value = TestSmtp.class, scope = TestResourceScope.GLOBAL)
public class TestInfrastructure {}
