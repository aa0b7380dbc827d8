package dev.ats.applications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.applications.domain.ApplicationRepository;
import dev.ats.applications.domain.ApplicationSearch;
import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures {@code GET /api/v1/applications?q=} over 100 000 applications with generated résumé
 * text: not part of the default build (tag "benchmark"). Run it with
 *
 * <pre>
 * ./mvnw -B verify -pl applications-service -am -Dtest=SearchBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgroups=benchmark
 * </pre>
 *
 * <p>Each résumé has 250 words: filler words of a 5 000-word vocabulary (skewed: some common, most
 * rare) and, one word in 40, one of 40 skills (also skewed: the first skills are in about a third
 * of the résumés, the last in a few percent). 200 queries (skills, two skills, a phrase, an
 * excluded word, a school, a rare word, a name's beginning, a name with a typo; a quarter of them
 * with a role filter) are timed at the service (HTTP round trip in the test JVM with java.net.http,
 * one keep-alive connection, first page of 20; a no-op round trip next to it), then the same
 * statements at the database with and without parallel workers, interleaved; the report (also in
 * target/search-benchmark.txt) gives p95 per kind and overall and the plans. It asserts correctness
 * only, never timings.
 */
@QuarkusTest
@Tag("benchmark")
class SearchBenchmark {

  private static final int APPLICATIONS = 100_000;
  private static final int QUERIES = 200;
  private static final String[] SKILLS = {
    "python",
    "java",
    "javascript",
    "sql",
    "linux",
    "git",
    "docker",
    "react",
    "typescript",
    "go",
    "kubernetes",
    "aws",
    "postgresql",
    "security",
    "rust",
    "kafka",
    "terraform",
    "graphql",
    "scala",
    "kotlin",
    "swift",
    "haskell",
    "erlang",
    "elixir",
    "php",
    "ruby",
    "cryptography",
    "compilers",
    "networking",
    "embedded",
    "fpga",
    "verilog",
    "ocaml",
    "clojure",
    "fortran",
    "cobol",
    "prolog",
    "lisp",
    "zig",
    "webassembly"
  };
  private static final String[] SCHOOLS = {
    "MIT", "Stanford", "ETH Zurich", "University of Oxford", "TU Delft", "EPFL"
  };

  @Inject EntityManager em;
  @Inject ApplicationSearch search;

  @Test
  void shouldSearchAHundredThousandResumes() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    UUID[] roles = {Fixtures.openRole(1), Fixtures.openRole(1), Fixtures.openRole(1)};
    StringBuilder report = new StringBuilder();
    long start = System.nanoTime();
    insert(run, roles);
    report.append(
        String.format(
            "inserted and indexed %d applications with a résumé each in %d s%n",
            APPLICATIONS, (System.nanoTime() - start) / 1_000_000_000));
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                report
                    .append("index sizes: ")
                    .append(
                        em.createNativeQuery(
                                "select string_agg(c.relname || ' '"
                                    + " || pg_size_pretty(pg_relation_size(c.oid)), ', ')"
                                    + " from pg_class c where c.relname in ('application_search',"
                                    + " 'application_search_names', 'application')")
                            .getSingleResult())
                    .append('\n'));

    // Timed with java.net.http (one keep-alive connection, one token) so that the figure is the
    // service's: RestAssured adds several ms per call. A no-op round trip with the same client
    // (the liveness check) is reported next to it.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String base = "http://localhost:" + RestAssured.port;
    String token = TestTokens.recruiter();
    Random random = new Random(13);
    Map<String, List<Long>> byKind = new LinkedHashMap<>();
    List<Long> all = new ArrayList<>();
    List<Long> noop = new ArrayList<>();
    List<String[]> asked = new ArrayList<>();
    List<String> examples = new ArrayList<>();
    for (int i = 0; i < QUERIES + 20; i++) {
      String kind = KINDS[i % KINDS.length];
      String q = query(kind, random, run);
      UUID role = i % 4 == 3 ? roles[random.nextInt(3)] : null;
      HttpRequest request =
          HttpRequest.newBuilder(
                  URI.create(
                      base
                          + "/api/v1/applications?q="
                          + URLEncoder.encode(q, StandardCharsets.UTF_8)
                          + (role == null ? "" : "&roleId=" + role)))
              .header("Authorization", token)
              .GET()
              .build();
      HttpRequest live = HttpRequest.newBuilder(URI.create(base + "/q/health/live")).GET().build();
      long t = System.nanoTime();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long micros = (System.nanoTime() - t) / 1_000;
      assertThat(response.statusCode()).as(q).isEqualTo(200);
      t = System.nanoTime();
      HttpResponse<String> alive = http.send(live, HttpResponse.BodyHandlers.ofString());
      long noopMicros = (System.nanoTime() - t) / 1_000;
      assertThat(alive.statusCode()).isEqualTo(200);
      if (i < 20) {
        continue; // warm-up
      }
      all.add(micros);
      noop.add(noopMicros);
      asked.add(new String[] {q, role == null ? null : role.toString()});
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(micros);
      if (examples.size() < KINDS.length && i % KINDS.length == examples.size()) {
        JsonPath page = JsonPath.from(response.body());
        List<String> ids = page.getList("items.id");
        examples.add(
            String.format(
                "  %-8s q=%-40s role=%-5s first page %d items, top snippet: %s%n",
                kind,
                q,
                role != null,
                ids.size(),
                ids.isEmpty() ? "-" : page.getString("items[0].match.snippet")));
      }
    }
    report.append("\nload average (1, 5, 15 min; the machine's other work): ").append(load());
    report.append(Benchmarks.stats("all " + QUERIES + " queries (HTTP round trip)", all));
    byKind.forEach((kind, micros) -> report.append(Benchmarks.stats("  " + kind, micros)));
    report.append(Benchmarks.stats("no-op round trip, same client (/q/health/live)", noop));
    report.append("\nexamples:\n");
    examples.forEach(report::append);

    // The same 200 statements at the database (JDBC round trip, no HTTP), each in four variants
    // one after the other: a plan for any words allowed (the server's default for a statement the
    // driver has prepared) or made for the words typed (the service's setting), without or with
    // parallel workers. Ratios within one run, independent of the machine's load.
    String[][] variants = {
      {"auto", "0"}, {"auto", "2"}, {"force_custom_plan", "0"}, {"force_custom_plan", "2"}
    };
    List<List<Long>> atDatabase = new ArrayList<>();
    for (String[] v : variants) {
      atDatabase.add(new ArrayList<>());
    }
    for (String[] a : asked) {
      UUID role = a[1] == null ? null : UUID.fromString(a[1]);
      for (int v = 0; v < variants.length; v++) {
        atDatabase.get(v).add(atDatabase(a[0], role, variants[v][0], variants[v][1]));
      }
    }
    report.append(
        "\nat the database, the same queries in four variants interleaved; load average: ");
    report.append(load());
    for (int v = 0; v < variants.length; v++) {
      report.append(
          Benchmarks.stats(
              "  plan_cache_mode="
                  + variants[v][0]
                  + " max_parallel_workers_per_gather="
                  + variants[v][1],
              atDatabase.get(v)));
    }

    // The plans: a common skill, two skills, a phrase, a minus query with a role, a phrase with an
    // excluded word, a name typo.
    List<String> plans = new ArrayList<>();
    List<String[]> planned =
        List.of(
            new String[] {SKILLS[0], null},
            new String[] {SKILLS[0] + " " + SKILLS[1], null},
            new String[] {"\"" + SKILLS[0] + " w1\"", null},
            new String[] {SKILLS[0] + " -" + SKILLS[1], roles[0].toString()},
            new String[] {SKILLS[14] + " -" + SKILLS[24] + " \"distributed systems\"", null},
            new String[] {"ada42 " + typo(surname(run, 42)), null},
            new String[] {"University of Oxford", null});
    for (String[] p : planned) {
      String plan = explain(p[0], p[1] == null ? null : UUID.fromString(p[1]));
      plans.add(plan);
      report
          .append("\nEXPLAIN (ANALYZE, BUFFERS) q=")
          .append(p[0])
          .append(p[1] == null ? "" : " roleId=" + p[1])
          .append(":\n")
          .append(plan);
    }

    System.out.println("\n=== search benchmark ===\n" + report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "search-benchmark.txt"), report.toString());
    assertThat(plans.get(0)).contains("Bitmap Index Scan on application_search ");
    assertThat(plans.get(3)).contains("Bitmap Index Scan on application_search ");
    assertThat(plans.get(5)).contains("Bitmap Index Scan on application_search_names");
    assertThat(all).hasSize(QUERIES);
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim() + "\n";
    } catch (java.io.IOException e) {
      return "unknown\n";
    }
  }

  private static final String[] KINDS = {
    "skill", "2skills", "phrase", "minus", "school", "rare", "prefix", "typo"
  };

  private static String query(String kind, Random random, String run) {
    int n = 1 + random.nextInt(APPLICATIONS);
    return switch (kind) {
      case "skill" -> SKILLS[random.nextInt(SKILLS.length)];
      case "2skills" ->
          SKILLS[random.nextInt(SKILLS.length)] + " " + SKILLS[random.nextInt(SKILLS.length)];
      case "phrase" -> "\"" + SKILLS[random.nextInt(10)] + " w" + random.nextInt(50) + "\"";
      case "minus" ->
          SKILLS[random.nextInt(SKILLS.length)] + " -" + SKILLS[random.nextInt(SKILLS.length)];
      case "school" -> SCHOOLS[random.nextInt(SCHOOLS.length)];
      case "rare" -> "w" + (4000 + random.nextInt(1000));
      case "prefix" -> surname(run, n).substring(0, 6);
      case "typo" -> typo(surname(run, n));
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** The surname of candidate n, as the insert makes it. */
  private static String surname(String run, int n) {
    try {
      byte[] md5 =
          java.security.MessageDigest.getInstance("MD5")
              .digest((run + "-n-" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String hex = java.util.HexFormat.of().formatHex(md5).substring(0, 10);
      StringBuilder name = new StringBuilder("s");
      for (char c : hex.toCharArray()) {
        name.append(Character.isDigit(c) ? (char) ('g' + (c - '0')) : c);
      }
      return name.toString();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The name with its 6th letter changed. */
  private static String typo(String name) {
    char[] chars = name.toCharArray();
    chars[5] = chars[5] == 'z' ? 'y' : 'z';
    return new String(chars);
  }

  /**
   * The service's statement for the first page of q (21 rows: a page and whether there is more),
   * its settings applied to the current transaction, as a recruiter's search.
   */
  private ApplicationSearch.Statement firstPage(String q, UUID roleId) {
    ApplicationSearch.Query query = new ApplicationSearch.Query(q, true);
    ApplicationSearch.Statement statement =
        search.statement(
            new ApplicationRepository.Filter(roleId, null, null, null, null, q),
            query,
            null,
            null,
            21);
    search.planSettings(query);
    return statement;
  }

  /** Microseconds for one page of q at the database, with these plan settings. */
  private long atDatabase(String q, UUID roleId, String planCacheMode, String workers) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              ApplicationSearch.Statement statement = firstPage(q, roleId);
              em.createNativeQuery(
                      "select set_config('plan_cache_mode', :mode, true),"
                          + " set_config('max_parallel_workers_per_gather', :workers, true)")
                  .setParameter("mode", planCacheMode)
                  .setParameter("workers", workers)
                  .getSingleResult();
              var select = em.createNativeQuery(statement.sql());
              statement.params().forEach(select::setParameter);
              long t = System.nanoTime();
              select.getResultList();
              return (System.nanoTime() - t) / 1_000;
            });
  }

  @SuppressWarnings("unchecked")
  private String explain(String q, UUID roleId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              ApplicationSearch.Statement statement = firstPage(q, roleId);
              var explain = em.createNativeQuery("explain (analyze, buffers) " + statement.sql());
              statement.params().forEach(explain::setParameter);
              StringBuilder plan = new StringBuilder();
              ((List<Object>) explain.getResultList())
                  .forEach(line -> plan.append("  ").append(line).append('\n'));
              return plan.toString();
            });
  }

  /**
   * Candidates "Ada&lt;n % 97&gt; S&lt;10 random letters&gt;", applications over three roles, one
   * résumé each, then the search columns built as a submission and an extraction would.
   */
  private void insert(String run, UUID[] roles) {
    QuarkusTransaction.requiringNew()
        .timeout(1800)
        .run(
            () -> {
              em.createNativeQuery(
                      "insert into candidate (id, email, first_name, last_name, school, degree,"
                          + " created_at, updated_at) select md5(:run || '-c-' || g)::uuid,"
                          + " 'cand' || g || '-' || :run || '@example.com', 'Ada' || g % 97,"
                          + " 'S' || translate(substr(md5(:run || '-n-' || g), 1, 10),"
                          + " '0123456789', 'ghijklmnop'), (array['MIT', 'Stanford',"
                          + " 'ETH Zurich', 'University of Oxford', 'TU Delft', 'EPFL'])[1 + g %"
                          + " 6], (array['BSc Computer Science', 'MSc Mathematics', 'BEng"
                          + " Electrical Engineering'])[1 + g % 3], now(), now()"
                          + " from generate_series(1, :n) g")
                  .setParameter("run", run)
                  .setParameter("n", APPLICATIONS)
                  .executeUpdate();
              em.createNativeQuery(
                      "insert into application (id, role_id, candidate_id, stage, answers,"
                          + " eligibility_outcome, eligibility_rules, source,"
                          + " consent_policy_version, consent_accepted_at, version, submitted_at,"
                          + " updated_at) select md5(:run || '-a-' || g)::uuid, (cast(:roles as"
                          + " uuid[]))[1 + g % 3], md5(:run || '-c-' || g)::uuid,"
                          + " (array['SUBMITTED','SCREENING','INTERVIEWING','REJECTED'])[1 + g %"
                          + " 4], jsonb_build_object('track', (array['backend', 'frontend',"
                          + " 'security'])[1 + g % 3]), 'ELIGIBLE', '[]'::jsonb, 'benchmark',"
                          + " '2026-01', now(), 1, now() - g * interval '1 second', now()"
                          + " from generate_series(1, :n) g")
                  .setParameter("run", run)
                  .setParameter("roles", "{" + roles[0] + "," + roles[1] + "," + roles[2] + "}")
                  .setParameter("n", APPLICATIONS)
                  .executeUpdate();
              em.createNativeQuery(
                      "insert into document (id, application_id, kind, file_name, content_type,"
                          + " size_bytes, sha256, storage, extraction_state, text_extracted,"
                          + " extracted_text, uploaded_at, expires_at, claimed_at, extracted_at)"
                          + " select md5(:run || '-d-' || g)::uuid, md5(:run || '-a-' ||"
                          + " g)::uuid, 'RESUME', 'cv.pdf', 'application/pdf', 100000,"
                          + " repeat('0', 64), 'POSTGRES', 'DONE', true, (select"
                          + " string_agg(case when random() < 0.012 then (cast(:skills as"
                          + " text[]))[1 + floor(power(random(), 2) * :skillCount)::int] else"
                          + " 'w' || floor(power(random(), 3) * 5000)::int end, ' ')"
                          + " from generate_series(1, 250 + 0 * g)), now(), now(), now(), now()"
                          + " from generate_series(1, :n) g")
                  .setParameter("run", run)
                  .setParameter("skills", "{" + String.join(",", SKILLS) + "}")
                  .setParameter("skillCount", SKILLS.length)
                  .setParameter("n", APPLICATIONS)
                  .executeUpdate();
              em.createNativeQuery(
                      "select cast(application_search_refresh(array(select id from application"
                          + " where role_id = any(cast(:roles as uuid[])))) as text)")
                  .setParameter("roles", "{" + roles[0] + "," + roles[1] + "," + roles[2] + "}")
                  .getSingleResult();
            });
    // What autovacuum does soon after a bulk change: the GIN indexes' pending lists (fastupdate)
    // merged into the indexes. Left pending, every query scans them (about 1 000 buffers for the
    // trigram index, 400 for the text index after this insert), which no steady state has.
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "select gin_clean_pending_list('application_search'::regclass)"
                            + " + gin_clean_pending_list('application_search_names'::regclass)")
                    .getSingleResult());
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("analyze application").executeUpdate());
  }
}
