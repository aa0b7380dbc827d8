package dev.ats.applications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures the recruiter list of one role with 100 000 applications, page by cursor: not part of
 * the default build (tag "benchmark"). Run it with
 *
 * <pre>
 * ./mvnw -B verify -pl applications-service -am -Dtest=ListBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgroups=benchmark
 * </pre>
 *
 * It prints (and writes to target/list-benchmark.txt) the page times and the query plan. It asserts
 * correctness only, never timings.
 */
@QuarkusTest
@Tag("benchmark")
class ListBenchmark {

  private static final int APPLICATIONS = 100_000;
  private static final int PAGE = 100;

  @Inject EntityManager em;

  @Test
  void shouldListOneRoleOfAHundredThousandApplicationsByCursor() throws Exception {
    UUID roleId = Fixtures.openRole(1);
    String run = UUID.randomUUID().toString();
    long insertStart = System.nanoTime();
    QuarkusTransaction.requiringNew()
        .timeout(600)
        .run(
            () -> {
              em.createNativeQuery(
                      "insert into candidate (id, email, first_name, last_name, created_at,"
                          + " updated_at) select md5(:run || '-c-' || g)::uuid, 'bench-' || g"
                          + " || '-' || :run || '@example.com', 'First' || g, 'Last' || g, now(),"
                          + " now() from generate_series(1, :n) g")
                  .setParameter("run", run)
                  .setParameter("n", APPLICATIONS)
                  .executeUpdate();
              em.createNativeQuery(
                      "insert into application (id, role_id, candidate_id, stage, answers,"
                          + " eligibility_outcome, eligibility_rules, source,"
                          + " consent_policy_version, consent_accepted_at, version, submitted_at,"
                          + " updated_at) select md5(:run || '-a-' || g)::uuid,"
                          + " cast(:roleId as uuid), md5(:run || '-c-' || g)::uuid,"
                          + " (array['SUBMITTED','SCREENING','INTERVIEWING','REJECTED'])[1 + g % 4],"
                          + " '{}'::jsonb, 'ELIGIBLE', '[]'::jsonb, 'benchmark', '2026-01',"
                          + " now(), 1, now() - g * interval '1 second',"
                          + " now() from generate_series(1, :n) g")
                  .setParameter("run", run)
                  .setParameter("roleId", roleId.toString())
                  .setParameter("n", APPLICATIONS)
                  .executeUpdate();
              // As many again spread over 50 other roles, so that the role filter is selective.
              em.createNativeQuery(
                      "insert into candidate (id, email, first_name, last_name, created_at,"
                          + " updated_at) select md5(:run || '-oc-' || g)::uuid, 'other-' || g"
                          + " || '-' || :run || '@example.com', 'First' || g, 'Last' || g, now(),"
                          + " now() from generate_series(1, :n) g")
                  .setParameter("run", run)
                  .setParameter("n", APPLICATIONS)
                  .executeUpdate();
              em.createNativeQuery(
                      "insert into application (id, role_id, candidate_id, stage, answers,"
                          + " eligibility_outcome, eligibility_rules, source,"
                          + " consent_policy_version, consent_accepted_at, version, submitted_at,"
                          + " updated_at) select md5(:run || '-oa-' || g)::uuid,"
                          + " md5(:run || '-role-' || (g % 50))::uuid,"
                          + " md5(:run || '-oc-' || g)::uuid, 'SUBMITTED', '{}'::jsonb,"
                          + " 'ELIGIBLE', '[]'::jsonb, 'benchmark', '2026-01', now(), 1,"
                          + " now() - g * interval '1 second', now() from generate_series(1, :n) g")
                  .setParameter("run", run)
                  .setParameter("n", APPLICATIONS)
                  .executeUpdate();
            });
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("analyze application").executeUpdate());
    long insertMs = (System.nanoTime() - insertStart) / 1_000_000;

    StringBuilder report = new StringBuilder();
    report.append("inserted ").append(APPLICATIONS).append(" applications in ").append(insertMs);
    report.append(" ms\n");

    // Walk every page once (1 000 pages of 100), timing each.
    List<Long> pageMicros = new ArrayList<>();
    List<String> cursors = new ArrayList<>();
    int rows = 0;
    String cursor = null;
    do {
      var request =
          given()
              .header("Authorization", TestTokens.recruiter())
              .queryParam("roleId", roleId)
              .queryParam("limit", PAGE);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      long start = System.nanoTime();
      var page = request.get("/api/v1/applications").then().statusCode(200).extract();
      pageMicros.add((System.nanoTime() - start) / 1_000);
      List<String> ids = page.path("items.id");
      rows += ids.size();
      cursor = page.path("nextCursor");
      if (cursor != null) {
        cursors.add(cursor);
      }
    } while (cursor != null);
    assertThat(rows).isEqualTo(APPLICATIONS);

    report.append(Benchmarks.stats("every page, walked in order (HTTP round trip)", pageMicros));
    report.append(Benchmarks.stats("first 10 pages", pageMicros.subList(0, 10)));
    report.append(
        Benchmarks.stats(
            "last 10 pages", pageMicros.subList(pageMicros.size() - 10, pageMicros.size())));

    // The same deep page 50 times (after row 90 000), warm.
    String deep = cursors.get(899);
    List<Long> deepMicros = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long start = System.nanoTime();
      given()
          .header("Authorization", TestTokens.recruiter())
          .queryParam("roleId", roleId)
          .queryParam("limit", PAGE)
          .queryParam("cursor", deep)
          .get("/api/v1/applications")
          .then()
          .statusCode(200);
      deepMicros.add((System.nanoTime() - start) / 1_000);
    }
    report.append(Benchmarks.stats("page after row 90 000, 50 times", deepMicros));

    Instant after =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (Instant)
                        em.createNativeQuery(
                                "select submitted_at from application where role_id ="
                                    + " cast(:roleId as uuid) order by submitted_at desc, id desc"
                                    + " offset 90000 limit 1",
                                Instant.class)
                            .setParameter("roleId", roleId.toString())
                            .getSingleResult());
    @SuppressWarnings("unchecked")
    List<Object> plan =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createNativeQuery(
                            "explain (analyze, buffers) select a.* from application a where"
                                + " a.role_id = cast(:roleId as uuid) and (a.submitted_at, a.id) <"
                                + " (cast(:after as timestamptz), cast(:afterId as uuid)) order by"
                                + " a.submitted_at desc, a.id desc limit 101")
                        .setParameter("roleId", roleId.toString())
                        .setParameter("after", after.toString())
                        .setParameter("afterId", "ffffffff-ffff-ffff-ffff-ffffffffffff")
                        .getResultList());
    report.append("\nEXPLAIN (ANALYZE, BUFFERS) of the page after row 90 000:\n");
    plan.forEach(line -> report.append("  ").append(line).append('\n'));

    System.out.println("\n=== list benchmark ===\n" + report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "list-benchmark.txt"), report.toString());
    String planText = String.join("\n", plan.stream().map(String::valueOf).toList());
    assertThat(planText).contains("Index Scan").doesNotContain("Seq Scan").doesNotContain("Sort");
  }
}
