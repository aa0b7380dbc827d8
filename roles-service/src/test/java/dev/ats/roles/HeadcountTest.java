package dev.ats.roles;

import static dev.ats.roles.Fixtures.PROBLEM;
import static dev.ats.roles.Fixtures.WAIT;
import static dev.ats.roles.Fixtures.etag;
import static dev.ats.roles.Fixtures.hire;
import static dev.ats.roles.Fixtures.openRole;
import static dev.ats.roles.Fixtures.outboxPayloads;
import static dev.ats.roles.Fixtures.outboxTypes;
import static dev.ats.roles.Fixtures.patch;
import static dev.ats.roles.Fixtures.processed;
import static dev.ats.roles.Fixtures.read;
import static dev.ats.roles.Fixtures.unplacedHires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.infra.test.TestTokens;
import dev.ats.roles.service.HiringService;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * roles-service is the one authority of headcount: a hire it cannot place fills nothing, changes
 * nothing else, and is made visible (a WARN line and GET /api/v1/roles/{id}/unplaced-hires).
 */
@QuarkusTest
class HeadcountTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldPlaceOneHireAndListTheOtherWhenApplicationsCopyOfTheRoleLags() throws Exception {
    String role = openRole("Headcount", 2);
    // Openings lowered here; applications-service's copy still says 2 and lets two hires through.
    patch(role, etag(role), "{\"openings\": 1}")
        .statusCode(200)
        .body("openings", equalTo(1))
        .body("status", equalTo("OPEN"));
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();

    try (LogCapture warnings = LogCapture.warnings(HiringService.class)) {
      String firstEvent = hire(role, first);
      String secondEvent = hire(role, second);

      await()
          .atMost(WAIT)
          .untilAsserted(() -> unplacedHires(role).statusCode(200).body("items", hasSize(1)));
      await().atMost(WAIT).untilAsserted(() -> read(role).body("status", equalTo("FILLED")));
      read(role).body("openings", equalTo(1)).body("openingsFilled", equalTo(1));
      String unplaced = unplacedHires(role).extract().path("items[0].applicationId");
      assertThat(unplaced).isIn(first, second);
      String placed = unplaced.equals(first) ? second : first;
      unplacedHires(role)
          .body("items[0].reason", equalTo("NO_OPENING_LEFT"))
          .body("items[0].receivedAt", notNullValue())
          .body("nextCursor", nullValue());

      assertThat(outboxTypes(role))
          .containsExactly(
              "dev.ats.role.created.v1",
              "dev.ats.role.opened.v1",
              "dev.ats.role.updated.v1",
              "dev.ats.role.filled.v1");
      JsonNode filled =
          JSON.readTree(outboxPayloads(role, "dev.ats.role.filled.v1").get(0)).path("reason");
      assertThat(filled.asText()).isEqualTo("application " + placed + " filled the last opening");
      assertThat(warnings.lines())
          .as("one WARN line names the unplaced hire, its role and the reason")
          .filteredOn(line -> line.contains(unplaced))
          .singleElement()
          .satisfies(line -> assertThat(line).contains(role).contains("NO_OPENING_LEFT"));

      // Redelivering either hire changes nothing; then a second hired event for each
      // application (same keys, so processed after the redeliveries) changes nothing either.
      JsonNode before = JSON.readTree(read(role).extract().asString());
      hire(role, first, firstEvent);
      hire(role, second, secondEvent);
      String firstAgain = hire(role, first);
      String secondAgain = hire(role, second);
      await().atMost(WAIT).until(() -> processed(firstAgain) && processed(secondAgain));

      assertThat(JSON.readTree(read(role).extract().asString())).isEqualTo(before);
      unplacedHires(role)
          .body("items", hasSize(1))
          .body("items[0].applicationId", equalTo(unplaced));
      assertThat(outboxTypes(role)).hasSize(4);
      assertThat(warnings.lines()).filteredOn(line -> line.contains(unplaced)).hasSize(1);
      assertThat(warnings.lines()).noneMatch(line -> line.contains(placed));
    }
  }

  @Test
  void shouldListUnplacedHiresNewestFirstPageByPage() {
    String role = openRole("Headcount", 1);
    hire(role, UUID.randomUUID().toString());
    await().atMost(WAIT).untilAsserted(() -> read(role).body("status", equalTo("FILLED")));
    List<String> late = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String application = UUID.randomUUID().toString();
      late.add(application);
      hire(role, application);
    }
    await().atMost(WAIT).untilAsserted(() -> unplacedHires(role).body("items", hasSize(3)));

    List<String> seen = new ArrayList<>();
    List<Instant> receivedAt = new ArrayList<>();
    String cursor = page(role, null, seen, receivedAt);
    assertThat(cursor).isNotNull();
    assertThat(page(role, cursor, seen, receivedAt)).isNull();

    assertThat(seen).containsExactlyInAnyOrderElementsOf(late);
    assertThat(receivedAt).isSortedAccordingTo(Comparator.reverseOrder());
    read(role).body("openingsFilled", equalTo(1)).body("status", equalTo("FILLED"));
  }

  @Test
  void shouldLetRecruitersAndIntegrationsOnlyReadUnplacedHires() {
    String role = openRole("Headcount", 1);

    unplacedHires(TestTokens.integration(), role, Map.of())
        .statusCode(200)
        .body("items", hasSize(0))
        .body("nextCursor", nullValue());
    unplacedHires(TestTokens.hiringManager(), role, Map.of()).statusCode(403).contentType(PROBLEM);
    unplacedHires(null, role, Map.of()).statusCode(401).contentType(PROBLEM);
  }

  @Test
  void shouldAnswerProblemsForUnknownRoleAndBadPaging() {
    unplacedHires(UUID.randomUUID().toString()).statusCode(404).contentType(PROBLEM);
    String role = openRole("Headcount", 1);
    String recruiter = TestTokens.recruiter();
    unplacedHires(recruiter, role, Map.of("cursor", "not-a-cursor"))
        .statusCode(400)
        .contentType(PROBLEM);
    unplacedHires(recruiter, role, Map.of("limit", 101)).statusCode(400).contentType(PROBLEM);
  }

  /** Reads one page of two, adding what it shows; returns its nextCursor. */
  private static String page(
      String role, String cursor, List<String> seen, List<Instant> receivedAt) {
    Map<String, Object> query = new HashMap<>(Map.of("limit", 2));
    if (cursor != null) {
      query.put("cursor", cursor);
    }
    var body = unplacedHires(TestTokens.recruiter(), role, query).statusCode(200);
    List<String> ids = body.extract().path("items.applicationId");
    List<String> times = body.extract().path("items.receivedAt");
    assertThat(ids).hasSize(cursor == null ? 2 : 1);
    seen.addAll(ids);
    times.forEach(time -> receivedAt.add(Instant.parse(time)));
    return body.extract().path("nextCursor");
  }
}
