package dev.ats.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.ats.platform.housekeeping.Housekeeping;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key mechanism ({@code @Idempotent}) on a probe resource. */
@QuarkusTest
class IdempotencyTest {

  @Inject EntityManager em;
  @Inject Housekeeping housekeeping;

  @Test
  void shouldReplayStatusLocationAndBodyForTheSameKeyAndBodyAndRunOnce() {
    String name = UUID.randomUUID().toString();
    String key = UUID.randomUUID().toString();

    ExtractableResponse<Response> first =
        create(key, "{\"name\": \"" + name + "\", \"extra\": {\"a\": 1, \"b\": 2}}");
    ExtractableResponse<Response> retry =
        create(key, "{\"extra\":{\"b\":2,\"a\":1},\"name\":\"" + name + "\"}");

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(first.header("Location")).endsWith("/probe/idempotent/" + first.path("id"));
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(retry.contentType()).startsWith("application/json");
    assertThat(retry.body().asString()).isEqualTo(first.body().asString());
    assertThat(probes(name)).isEqualTo(1);
  }

  @Test
  void shouldRefuseTheSameKeyWithAnotherBody() {
    String key = UUID.randomUUID().toString();
    assertThat(create(key, "{\"name\": \"" + UUID.randomUUID() + "\"}").statusCode())
        .isEqualTo(201);

    create(key, "{\"name\": \"" + UUID.randomUUID() + "\"}")
        .response()
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("detail", containsString("different request body"));
  }

  @Test
  void shouldLeaveNoTraceOfAFailedRequestSoItCanBeRetriedWithItsKey() {
    String name = UUID.randomUUID().toString();
    String key = UUID.randomUUID().toString();
    String body = "{\"name\": \"" + name + "\"}";

    given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .header("X-Fail", "yes")
        .body(body)
        .post("/probe/idempotent")
        .then()
        .statusCode(409);
    assertThat(probes(name)).isZero();

    assertThat(create(key, body).statusCode()).isEqualTo(201);
    assertThat(probes(name)).isEqualTo(1);
  }

  @Test
  void shouldRefuseAKeyLongerThan200Characters() {
    create("k".repeat(201), "{\"name\": \"x\"}")
        .response()
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("Idempotency-Key"));
    assertThat(create("k".repeat(200), "{\"name\": \"" + UUID.randomUUID() + "\"}").statusCode())
        .isEqualTo(201);
  }

  @Test
  void shouldRunWithoutAKeyEveryTime() {
    String name = UUID.randomUUID().toString();
    for (int i = 0; i < 2; i++) {
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("name", name))
          .post("/probe/idempotent")
          .then()
          .statusCode(201);
    }
    assertThat(probes(name)).isEqualTo(2);
  }

  @Test
  void shouldAnswerConcurrentRetriesWithOneKeyWithOneRunAndIdenticalResponses() throws Exception {
    String name = UUID.randomUUID().toString();
    String key = UUID.randomUUID().toString();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    List<ExtractableResponse<Response>> responses = new ArrayList<>();
    try {
      List<Future<ExtractableResponse<Response>>> futures = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return create(key, "{\"name\": \"" + name + "\"}");
                }));
      }
      start.countDown();
      for (Future<ExtractableResponse<Response>> future : futures) {
        responses.add(future.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(responses.stream().map(ExtractableResponse::statusCode)).containsOnly(201);
    assertThat(responses.stream().map(r -> r.body().asString()).distinct()).hasSize(1);
    assertThat(probes(name)).isEqualTo(1);
  }

  @Test
  void shouldForgetKeysAfterTheirRetentionThroughHousekeeping() {
    String name = UUID.randomUUID().toString();
    String key = UUID.randomUUID().toString();
    String body = "{\"name\": \"" + name + "\"}";
    assertThat(create(key, body).statusCode()).isEqualTo(201);

    assertThat(housekeeping.purge(Instant.now().plus(Duration.ofDays(2))))
        .isGreaterThanOrEqualTo(1);

    assertThat(create(key, body).statusCode()).isEqualTo(201);
    assertThat(probes(name)).isEqualTo(2);
  }

  private static ExtractableResponse<Response> create(String key, String body) {
    return given()
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(body)
        .post("/probe/idempotent")
        .then()
        .extract();
  }

  private long probes(String name) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery("select count(*) from probe where name = :name")
                            .setParameter("name", name)
                            .getSingleResult())
                    .longValue());
  }
}
