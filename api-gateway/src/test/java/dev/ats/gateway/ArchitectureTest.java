package dev.ats.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The gateway's layout, as the README describes it: {@code frontdoor/} decides, {@code proxy/}
 * forwards, {@code upstream/} knows the services; each uses only what comes after it.
 */
class ArchitectureTest {

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.ats.gateway");

  @Test
  void shouldKeepTheFrontDoorAboveTheProxyAboveTheUpstreams() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.ats.gateway.frontdoor..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ats.gateway.frontdoor..")
        .because("nothing calls back into the front door's pipeline")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.ats.gateway.upstream..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.ats.gateway.proxy..")
        .because("the services and their client know nothing of forwarding")
        .check(classes);
  }
}
