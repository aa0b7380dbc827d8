package dev.ats.platform;

import dev.ats.infra.test.AtsTestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

@WithTestResource(
    value = AtsTestInfrastructure.class,
    scope = TestResourceScope.GLOBAL,
    initArgs = @ResourceArg(name = "database", value = "platform"))
public class TestInfrastructure {}
