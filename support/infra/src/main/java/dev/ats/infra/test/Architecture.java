package dev.ats.infra.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The one layering rule of every service ({@code dev.ats.<service>}), checked by each service's
 * {@code ArchitectureTest}. Inbound adapters sit on top and everything points down:
 *
 * <pre>
 *   rest/ (HTTP)      messaging/ (Kafka consumers)
 *          \            /
 *           service/           transactions and rules
 *          /        \
 *   events/          |         event payload records, in and out
 *          \        /
 *           domain/            entities, repositories, domain values
 * </pre>
 *
 * <p>Nothing below {@code rest/} knows it; event payloads are never REST bodies (rest/ does not see
 * events/); the domain knows nothing above it. {@code config/} and {@code health/} may be used by
 * any layer. {@code metrics/} (a service's own gauges) is an observer beside the layers: it may
 * read {@code service/} and {@code domain/}, but no layer depends on it and it never calls the
 * inbound adapters.
 */
public final class Architecture {

  private Architecture() {}

  /** Fails with every violation if the production classes under {@code basePackage} break it. */
  public static void assertLayered(String basePackage) {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(basePackage);
    for (ArchRule rule : rules(basePackage)) {
      rule.check(classes);
    }
  }

  static List<ArchRule> rules(String base) {
    String rest = base + ".rest..";
    String service = base + ".service..";
    String domain = base + ".domain..";
    String events = base + ".events..";
    String messaging = base + ".messaging..";
    String metrics = base + ".metrics..";
    return List.of(
        noClasses()
            .that()
            .resideInAnyPackage(rest, service, domain, events, messaging)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(metrics)
            .because("metrics/ observes the layers; nothing in them depends on it")
            .allowEmptyShould(true),
        noClasses()
            .that()
            .resideInAPackage(metrics)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(rest, messaging)
            .because("gauges read state; they never call the inbound adapters")
            .allowEmptyShould(true),
        noClasses()
            .that()
            .resideInAnyPackage(service, domain, events, messaging)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(rest)
            .because("dependencies point from rest/ down, never back up")
            .allowEmptyShould(true),
        noClasses()
            .that()
            .resideInAPackage(rest)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(events, messaging)
            .because("event payloads are their own records, never REST bodies")
            .allowEmptyShould(true),
        noClasses()
            .that()
            .resideInAPackage(service)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(messaging)
            .because("consumers call services, not the other way")
            .allowEmptyShould(true),
        noClasses()
            .that()
            .resideInAPackage(events)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(service, messaging)
            .because("event payloads are plain records over domain values")
            .allowEmptyShould(true),
        noClasses()
            .that()
            .resideInAPackage(domain)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(rest, service, events, messaging)
            .because("the domain knows nothing above it")
            .allowEmptyShould(true));
  }
}
