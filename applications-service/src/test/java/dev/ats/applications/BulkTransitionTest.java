package dev.ats.applications;

import static dev.ats.applications.Fixtures.application;
import static dev.ats.applications.Fixtures.awaitEvents;
import static dev.ats.applications.Fixtures.moveTo;
import static dev.ats.applications.Fixtures.ofType;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submitEligible;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.infra.test.TestKafka;
import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BulkTransitionTest {

  static Map<String, Object> item(UUID id, long version) {
    return Map.of("id", id.toString(), "version", version);
  }

  static Map<String, Object> body(List<Map<String, Object>> items, String to, String reason) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applications", items);
    body.put("to", to);
    if (reason != null) {
      body.put("reason", reason);
    }
    body.put("note", "first round closed");
    return body;
  }

  static ExtractableResponse<Response> bulk(Object body, String idempotencyKey) {
    var request =
        given()
            .header("Authorization", TestTokens.recruiter())
            .contentType(ContentType.JSON)
            .body(body);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request.post("/api/v1/applications/bulk-transitions").then().extract();
  }

  static long eventsOf(UUID id, String type) {
    return TestKafka.readAll(
            "applications.events",
            r -> id.toString().equals(r.key()) && type.equals(TestKafka.header(r, "ce_type")),
            Duration.ofSeconds(3))
        .size();
  }

  @Test
  void shouldMoveEachItemOnItsOwnAndAnswerEveryItemsOutcomeInOrder() {
    UUID roleId = openRole(5);
    UUID movable = submitEligible(roleId).id();
    UUID stale = submitEligible(roleId).id();
    UUID rejected = submitEligible(roleId).id();
    moveTo(rejected, "REJECTED");
    UUID unknown = UUID.randomUUID();

    ExtractableResponse<Response> answer =
        bulk(
            body(
                List.of(item(movable, 1), item(stale, 2), item(rejected, 2), item(unknown, 1)),
                "SCREENING",
                null),
            null);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat((String) answer.path("to")).isEqualTo("SCREENING");
    assertThat((Integer) answer.path("succeeded")).isEqualTo(1);
    assertThat((Integer) answer.path("failed")).isEqualTo(3);
    assertThat((List<String>) answer.path("items.id"))
        .containsExactly(
            movable.toString(), stale.toString(), rejected.toString(), unknown.toString());
    assertThat((List<Integer>) answer.path("items.status")).containsExactly(200, 412, 409, 404);
    assertThat((String) answer.path("items[0].stage")).isEqualTo("SCREENING");
    assertThat((Integer) answer.path("items[0].version")).isEqualTo(2);
    assertThat((Object) answer.path("items[0].problem")).isNull();
    assertThat((Object) answer.path("items[1].stage")).isNull();
    assertThat((Integer) answer.path("items[1].problem.status")).isEqualTo(412);
    assertThat((String) answer.path("items[2].problem.type"))
        .isEqualTo("https://ats.dev/problems/illegal-transition");
    assertThat((List<String>) answer.path("items[2].problem.allowed")).isEmpty();
    assertThat((String) answer.path("items[3].problem.type"))
        .isEqualTo("https://ats.dev/problems/not-found");

    assertThat((String) application(movable).path("stage")).isEqualTo("SCREENING");
    assertThat((String) application(stale).path("stage")).isEqualTo("SUBMITTED");
    assertThat((Integer) application(stale).path("version")).isEqualTo(1);
    assertThat((String) application(rejected).path("stage")).isEqualTo("REJECTED");
  }

  @Test
  void shouldRejectEveryCandidateWithExactlyOneStageChangeAndOneRejectedEventEach() {
    UUID roleId = openRole(5);
    List<UUID> ids = new ArrayList<>();
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UUID id = submitEligible(roleId).id();
      ids.add(id);
      items.add(item(id, 1));
    }

    bulk(body(items, "REJECTED", "NOT_A_FIT"), null)
        .response()
        .then()
        .statusCode(200)
        .body("succeeded", equalTo(5));

    for (UUID id : ids) {
      var events = awaitEvents(id.toString(), r -> true, 3);
      assertThat(Fixtures.types(events))
          .containsExactly(
              "dev.ats.application.submitted.v1",
              "dev.ats.application.stage-changed.v1",
              "dev.ats.application.rejected.v1");
      assertThat(Fixtures.data(events.get(2)).get("reason")).isEqualTo("NOT_A_FIT");
      assertThat(Fixtures.data(events.get(2)).get("version")).isEqualTo(2);
      assertThat(eventsOf(id, "dev.ats.application.rejected.v1")).isEqualTo(1);
      assertThat((String) application(id).path("rejectionReason")).isEqualTo("NOT_A_FIT");
    }
  }

  @Test
  void shouldReplayTheFirstAnswerForARetryWithTheSameIdempotencyKey() {
    UUID roleId = openRole(5);
    UUID first = submitEligible(roleId).id();
    UUID second = submitEligible(roleId).id();
    Map<String, Object> body = body(List.of(item(first, 1), item(second, 1)), "SCREENING", null);
    String key = "bulk-" + UUID.randomUUID();

    String original = bulk(body, key).response().then().statusCode(200).extract().asString();
    ExtractableResponse<Response> replay = bulk(body, key);

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.asString()).isEqualTo(original);
    assertThat((List<Integer>) replay.path("items.status")).containsExactly(200, 200);
    for (UUID id : List.of(first, second)) {
      assertThat((Integer) application(id).path("version")).isEqualTo(2);
      awaitEvents(id.toString(), ofType("dev.ats.application.stage-changed.v1"), 1);
      assertThat(eventsOf(id, "dev.ats.application.stage-changed.v1")).isEqualTo(1);
    }
    bulk(body(List.of(item(first, 2)), "INTERVIEWING", null), key)
        .response()
        .then()
        .statusCode(422);
    assertThat((String) application(first).path("stage")).isEqualTo("SCREENING");
  }

  @Test
  void shouldHireOnlyUpToTheOpeningsLeftAndSayWhichItemsFailed() {
    UUID roleId = openRole(2);
    List<UUID> offered = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      UUID id = submitEligible(roleId).id();
      moveTo(id, "SCREENING", "INTERVIEWING", "OFFERED");
      offered.add(id);
    }
    moveTo(offered.get(0), "HIRED");

    ExtractableResponse<Response> answer =
        bulk(
            body(offered.subList(1, 4).stream().map(id -> item(id, 4)).toList(), "HIRED", null),
            null);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat((List<Integer>) answer.path("items.status")).containsExactly(200, 409, 409);
    assertThat((Object) answer.path("items[0].problem")).isNull();
    assertThat((String) answer.path("items[1].problem.type"))
        .isEqualTo("https://ats.dev/problems/no-opening-left");
    assertThat((String) answer.path("items[2].problem.type"))
        .isEqualTo("https://ats.dev/problems/no-opening-left");
    assertThat(Fixtures.hires(roleId)).isEqualTo(2);
    assertThat((String) application(offered.get(1)).path("stage")).isEqualTo("HIRED");
    assertThat((String) application(offered.get(2)).path("stage")).isEqualTo("OFFERED");
    assertThat((String) application(offered.get(3)).path("stage")).isEqualTo("OFFERED");
  }

  @Test
  void shouldMoveEachApplicationOnceWhenSingleTransitionsRaceTheBulk() throws Exception {
    UUID roleId = openRole(5);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      ids.add(submitEligible(roleId).id());
    }
    List<Callable<Object>> calls = new ArrayList<>();
    calls.add(
        () -> bulk(body(ids.stream().map(id -> item(id, 1)).toList(), "REJECTED", "OTHER"), null));
    for (UUID id : ids) {
      calls.add(
          () ->
              given()
                  .header("Authorization", TestTokens.recruiter())
                  .header("If-Match", "\"1\"")
                  .contentType(ContentType.JSON)
                  .body(Map.of("to", "SCREENING"))
                  .post("/api/v1/applications/" + id + "/transitions")
                  .statusCode());
    }

    List<Object> results = Fixtures.concurrently(calls);

    @SuppressWarnings("unchecked")
    ExtractableResponse<Response> bulkAnswer = (ExtractableResponse<Response>) results.get(0);
    assertThat(bulkAnswer.statusCode()).isEqualTo(200);
    List<Integer> bulkStatuses = bulkAnswer.path("items.status");
    for (int i = 0; i < ids.size(); i++) {
      int single = (Integer) results.get(i + 1);
      int item = bulkStatuses.get(i);
      // Exactly one of the two moved the application; the other found its version stale.
      assertThat(List.of(single, item)).as("application " + i).containsExactlyInAnyOrder(200, 412);
      String stage = application(ids.get(i)).path("stage");
      assertThat(stage).isEqualTo(item == 200 ? "REJECTED" : "SCREENING");
      assertThat((Integer) application(ids.get(i)).path("version")).isEqualTo(2);
    }
    int rejected = (int) bulkStatuses.stream().filter(s -> s == 200).count();
    assertThat((Integer) bulkAnswer.path("succeeded")).isEqualTo(rejected);
    UUID someRejected = ids.get(bulkStatuses.indexOf(200) >= 0 ? bulkStatuses.indexOf(200) : 0);
    if (rejected > 0) {
      awaitEvents(someRejected.toString(), ofType("dev.ats.application.rejected.v1"), 1);
      assertThat(eventsOf(someRejected, "dev.ats.application.rejected.v1")).isEqualTo(1);
    }
  }

  @Test
  void shouldRefuseABadRequestBeforeMovingAnything() {
    UUID roleId = openRole(5);
    UUID id = submitEligible(roleId).id();

    bulk(body(List.of(item(id, 1)), "REJECTED", null), null)
        .response()
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    bulk(body(List.of(item(id, 1)), "REJECTED", "BORED"), null).response().then().statusCode(400);
    bulk(body(List.of(item(id, 1), item(id, 1)), "SCREENING", null), null)
        .response()
        .then()
        .statusCode(400);
    bulk(body(List.of(), "SCREENING", null), null).response().then().statusCode(400);
    List<Map<String, Object>> tooMany = new ArrayList<>();
    for (int i = 0; i < 501; i++) {
      tooMany.add(item(UUID.randomUUID(), 1));
    }
    bulk(body(tooMany, "SCREENING", null), null).response().then().statusCode(400);
    given()
        .header("Authorization", TestTokens.hiringManager())
        .contentType(ContentType.JSON)
        .body(body(List.of(item(id, 1)), "SCREENING", null))
        .post("/api/v1/applications/bulk-transitions")
        .then()
        .statusCode(403);
    given()
        .contentType(ContentType.JSON)
        .body(body(List.of(item(id, 1)), "SCREENING", null))
        .post("/api/v1/applications/bulk-transitions")
        .then()
        .statusCode(401);

    assertThat((String) application(id).path("stage")).isEqualTo("SUBMITTED");
    assertThat((Integer) application(id).path("version")).isEqualTo(1);
  }
}
