package dev.ats.gateway;

import dev.ats.infra.test.AtsTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** The gateway has no database and no broker; it gets the test JWT configuration. */
@WithTestResource(
    value = AtsTestInfrastructure.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = "kafka", value = "false"))
public class TestInfrastructure {}
