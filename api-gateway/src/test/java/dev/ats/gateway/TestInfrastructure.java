package dev.ats.gateway;

import dev.ats.infra.test.AtsTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * The gateway has no database and no broker; it gets the test JWT configuration, and real HTTP
 * servers ({@link ServiceStubs}) standing in for the three services.
 */
@WithTestResource(
    value = AtsTestInfrastructure.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = "kafka", value = "false"))
@WithTestResource(value = ServiceStubs.class, scope = TestResourceScope.GLOBAL)
public class TestInfrastructure {}
