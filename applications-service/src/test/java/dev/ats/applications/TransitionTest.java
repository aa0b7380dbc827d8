package dev.ats.applications;

import static dev.ats.applications.Fixtures.application;
import static dev.ats.applications.Fixtures.awaitEvents;
import static dev.ats.applications.Fixtures.data;
import static dev.ats.applications.Fixtures.moveTo;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submitEligible;
import static dev.ats.applications.Fixtures.transition;
import static dev.ats.applications.Fixtures.types;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.infra.test.TestKafka;
import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TransitionTest {

  enum Stage {
    SUBMITTED,
    SCREENING,
    INTERVIEWING,
    OFFERED,
    HIRED,
    REJECTED,
    WITHDRAWN
  }

  /** The pipeline as the issue defines it, independently of the production code. */
  private static final Map<Stage, EnumSet<Stage>> LEGAL =
      Map.of(
          Stage.SUBMITTED, EnumSet.of(Stage.SCREENING, Stage.REJECTED, Stage.WITHDRAWN),
          Stage.SCREENING, EnumSet.of(Stage.INTERVIEWING, Stage.REJECTED, Stage.WITHDRAWN),
          Stage.INTERVIEWING, EnumSet.of(Stage.OFFERED, Stage.REJECTED, Stage.WITHDRAWN),
          Stage.OFFERED, EnumSet.of(Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN),
          Stage.HIRED, EnumSet.noneOf(Stage.class),
          Stage.REJECTED, EnumSet.noneOf(Stage.class),
          Stage.WITHDRAWN, EnumSet.noneOf(Stage.class));

  /** How to reach each stage from SUBMITTED. */
  private static final Map<Stage, String[]> PATH =
      Map.of(
          Stage.SUBMITTED,
          new String[] {},
          Stage.SCREENING,
          new String[] {"SCREENING"},
          Stage.INTERVIEWING,
          new String[] {"SCREENING", "INTERVIEWING"},
          Stage.OFFERED,
          new String[] {"SCREENING", "INTERVIEWING", "OFFERED"},
          Stage.HIRED,
          new String[] {"SCREENING", "INTERVIEWING", "OFFERED", "HIRED"},
          Stage.REJECTED,
          new String[] {"REJECTED"},
          Stage.WITHDRAWN,
          new String[] {"WITHDRAWN"});

  @Test
  void shouldAllowEveryLegalTransitionAndRecordItInTheHistory() {
    UUID roleId = openRole(50);
    for (Stage from : Stage.values()) {
      for (Stage to : LEGAL.get(from)) {
        UUID id = submitEligible(roleId).id();
        moveTo(id, PATH.get(from));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", to.name());
        body.put("note", "moving on");
        if (to == Stage.REJECTED) {
          body.put("reason", "OTHER");
        }
        ExtractableResponse<Response> moved = transition(id, body);
        assertThat(moved.statusCode()).as(from + " → " + to).isEqualTo(200);
        assertThat((String) moved.path("stage")).isEqualTo(to.name());
        int version = moved.path("version");
        assertThat(version).isEqualTo(PATH.get(from).length + 2);
        assertThat(moved.header("ETag")).isEqualTo("\"" + version + "\"");

        List<Map<String, Object>> history =
            given()
                .header("Authorization", TestTokens.hiringManager())
                .get("/api/v1/applications/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("items");
        Map<String, Object> last = history.get(history.size() - 1);
        assertThat(last.get("from")).isEqualTo(from.name());
        assertThat(last.get("to")).isEqualTo(to.name());
        assertThat(last.get("actor")).isEqualTo("rita.recruiter@ats.test");
        assertThat(last.get("note")).isEqualTo("moving on");
        assertThat(last.get("changedAt")).isNotNull();
        assertThat(history.get(0).get("from")).isNull();
        assertThat(history.get(0).get("to")).isEqualTo("SUBMITTED");
      }
    }
  }

  @Test
  void shouldRefuseEveryIllegalTransitionNamingTheAllowedOnes() {
    UUID roleId = openRole(50);
    for (Stage from : Stage.values()) {
      UUID id = submitEligible(roleId).id();
      moveTo(id, PATH.get(from));
      for (Stage to : Stage.values()) {
        if (LEGAL.get(from).contains(to)) {
          continue;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", to.name());
        body.put("reason", "NOT_A_FIT");
        ExtractableResponse<Response> refused = transition(id, body);
        assertThat(refused.statusCode()).as(from + " → " + to).isEqualTo(409);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat((List<String>) refused.path("allowed"))
            .as(from + " → " + to)
            .containsExactlyInAnyOrderElementsOf(LEGAL.get(from).stream().map(Enum::name).toList());
      }
      assertThat((String) application(id).path("stage")).isEqualTo(from.name());
    }
  }

  @Test
  void shouldPublishStageChangedAndHiredEventsThroughThePipeline() {
    UUID roleId = openRole(1);
    UUID id = submitEligible(roleId).id();

    moveTo(id, "SCREENING", "INTERVIEWING", "OFFERED", "HIRED");

    List<ConsumerRecord<String, String>> events = awaitEvents(id.toString(), r -> true, 6);
    assertThat(types(events))
        .containsExactly(
            "dev.ats.application.submitted.v1",
            "dev.ats.application.stage-changed.v1",
            "dev.ats.application.stage-changed.v1",
            "dev.ats.application.stage-changed.v1",
            "dev.ats.application.stage-changed.v1",
            "dev.ats.application.hired.v1");
    Map<String, Object> toHired = data(events.get(4));
    assertThat(toHired.get("from")).isEqualTo("OFFERED");
    assertThat(toHired.get("to")).isEqualTo("HIRED");
    assertThat(toHired.get("version")).isEqualTo(5);
    assertThat(data(events.get(5)).get("actor")).isEqualTo("rita.recruiter@ats.test");
    assertThat(Fixtures.hires(roleId)).isEqualTo(1);
  }

  @Test
  void shouldPublishAHireAsStageChangedThenHiredBothAtTheApplicationsNewVersion() {
    UUID roleId = openRole(1);
    UUID id = submitEligible(roleId).id();
    moveTo(id, "SCREENING", "INTERVIEWING", "OFFERED");

    ExtractableResponse<Response> hired = transition(id, Map.of("to", "HIRED"));
    assertThat(hired.statusCode()).isEqualTo(200);
    int version = hired.path("version");
    assertThat(hired.header("ETag")).isEqualTo("\"" + version + "\"");

    List<ConsumerRecord<String, String>> events =
        awaitEvents(id.toString(), r -> Integer.valueOf(version).equals(data(r).get("version")), 2);
    assertThat(types(events))
        .containsExactly("dev.ats.application.stage-changed.v1", "dev.ats.application.hired.v1");
    assertThat(events.get(0).partition()).isEqualTo(events.get(1).partition());
    assertThat(events.get(0).offset()).isLessThan(events.get(1).offset());
    assertThat(data(events.get(0)).get("to")).isEqualTo("HIRED");
    assertThat(data(events.get(0)).get("version")).isEqualTo(version);
    assertThat(data(events.get(1)).get("version")).isEqualTo(version);
    assertThat(data(events.get(1)).get("hiredAt")).isEqualTo(data(events.get(0)).get("changedAt"));
  }

  @Test
  void shouldRejectWithAReasonFromTheFixedListOnly() {
    UUID roleId = openRole(5);
    UUID id = submitEligible(roleId).id();

    transition(id, Map.of("to", "REJECTED"))
        .response()
        .then()
        .statusCode(400)
        .body("detail", containsString("NOT_A_FIT"));
    transition(id, Map.of("to", "REJECTED", "reason", "TOO_TALL"))
        .response()
        .then()
        .statusCode(400);
    transition(id, Map.of("to", "REJECTED", "reason", "NOT_A_FIT"))
        .response()
        .then()
        .statusCode(200)
        .body("rejectionReason", equalTo("NOT_A_FIT"));

    ConsumerRecord<String, String> rejected =
        awaitEvents(id.toString(), Fixtures.ofType("dev.ats.application.rejected.v1"), 1).get(0);
    assertThat(data(rejected).get("reason")).isEqualTo("NOT_A_FIT");
  }

  @Test
  void shouldRequireTheCurrentVersionInIfMatch() {
    UUID roleId = openRole(5);
    UUID id = submitEligible(roleId).id();
    String url = "/api/v1/applications/" + id + "/transitions";

    given()
        .header("Authorization", TestTokens.recruiter())
        .contentType(ContentType.JSON)
        .body(Map.of("to", "SCREENING"))
        .post(url)
        .then()
        .statusCode(428)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.recruiter())
        .header("If-Match", "\"7\"")
        .contentType(ContentType.JSON)
        .body(Map.of("to", "SCREENING"))
        .post(url)
        .then()
        .statusCode(412)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.recruiter())
        .header("If-Match", "\"1\"")
        .contentType(ContentType.JSON)
        .body(Map.of("to", "SCREENING"))
        .post(url)
        .then()
        .statusCode(200)
        .header("ETag", "\"2\"");
    // The same ETag again is stale now.
    given()
        .header("Authorization", TestTokens.recruiter())
        .header("If-Match", "\"1\"")
        .contentType(ContentType.JSON)
        .body(Map.of("to", "INTERVIEWING"))
        .post(url)
        .then()
        .statusCode(412);
  }

  @Test
  void shouldRejectHireWhenNoOpeningLeft() {
    UUID roleId = openRole(1);
    UUID first = submitEligible(roleId).id();
    UUID second = submitEligible(roleId).id();
    moveTo(first, "SCREENING", "INTERVIEWING", "OFFERED", "HIRED");
    moveTo(second, "SCREENING", "INTERVIEWING", "OFFERED");

    transition(second, Map.of("to", "HIRED"))
        .response()
        .then()
        .statusCode(409)
        .body("detail", containsString("no opening left"));
    assertThat((String) application(second).path("stage")).isEqualTo("OFFERED");
    assertThat(Fixtures.hires(roleId)).isEqualTo(1);
  }

  @Test
  void shouldLetExactlyOneOfTwoConcurrentHiresTakeTheLastOpening() throws Exception {
    UUID roleId = openRole(1);
    List<UUID> offered = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      UUID id = submitEligible(roleId).id();
      moveTo(id, "SCREENING", "INTERVIEWING", "OFFERED");
      offered.add(id);
    }
    List<Callable<Integer>> hires = new ArrayList<>();
    for (UUID id : offered) {
      hires.add(
          () ->
              given()
                  .header("Authorization", TestTokens.recruiter())
                  .header("If-Match", "\"4\"")
                  .contentType(ContentType.JSON)
                  .body(Map.of("to", "HIRED"))
                  .post("/api/v1/applications/" + id + "/transitions")
                  .statusCode());
    }
    List<Integer> statuses = Fixtures.concurrently(hires);
    assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    assertThat(offered.stream().map(id -> (String) application(id).path("stage")))
        .containsExactlyInAnyOrder("HIRED", "OFFERED");
    assertThat(Fixtures.hires(roleId)).isEqualTo(1);
    long hiredEvents =
        offered.stream()
            .mapToLong(
                id ->
                    TestKafka.readAll(
                            "applications.events",
                            r ->
                                id.toString().equals(r.key())
                                    && "dev.ats.application.hired.v1"
                                        .equals(TestKafka.header(r, "ce_type")),
                            java.time.Duration.ofSeconds(3))
                        .size())
            .sum();
    assertThat(hiredEvents).isEqualTo(1);
  }

  @Test
  void shouldLetARecruiterWithdrawAnApplication() {
    UUID roleId = openRole(5);
    UUID id = submitEligible(roleId).id();

    given()
        .header("Authorization", TestTokens.recruiter())
        .post("/api/v1/applications/" + id + "/withdraw")
        .then()
        .statusCode(200)
        .body("stage", equalTo("WITHDRAWN"));

    ConsumerRecord<String, String> withdrawn =
        awaitEvents(id.toString(), Fixtures.ofType("dev.ats.application.withdrawn.v1"), 1).get(0);
    assertThat(data(withdrawn).get("by")).isEqualTo("RECRUITER");
    given()
        .header("Authorization", TestTokens.recruiter())
        .post("/api/v1/applications/" + id + "/withdraw")
        .then()
        .statusCode(409);
  }
}
