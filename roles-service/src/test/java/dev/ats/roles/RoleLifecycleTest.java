package dev.ats.roles;

import static dev.ats.roles.Fixtures.PROBLEM;
import static dev.ats.roles.Fixtures.action;
import static dev.ats.roles.Fixtures.create;
import static dev.ats.roles.Fixtures.draft;
import static dev.ats.roles.Fixtures.internship;
import static dev.ats.roles.Fixtures.openRole;
import static dev.ats.roles.Fixtures.read;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoleLifecycleTest {

  @Test
  void shouldCreateDraftRoleWithLocationETagAndEveryContractField() {
    var response = create(internship("Lifecycle", 3)).statusCode(201);
    String id = response.extract().path("id");
    response
        .header("Location", endsWith("/api/v1/roles/" + id))
        .header("ETag", equalTo("\"0\""))
        .body("status", equalTo("DRAFT"))
        .body("title", equalTo("Software Engineer - Intern"))
        .body("team", equalTo("Lifecycle"))
        .body("workplaceType", equalTo("HYBRID"))
        .body("employmentType", equalTo("INTERNSHIP"))
        .body("durationWeeks", equalTo(12))
        .body("openings", equalTo(3))
        .body("openingsFilled", equalTo(0))
        .body("applicationDeadline", equalTo("2021-11-15T23:59:59Z"))
        .body("respondBy", equalTo("2021-12-01"))
        .body("eligibilityRules", hasSize(4))
        .body("eligibilityRules[0].required", equalTo(true))
        .body("eligibilityRules[1].required", equalTo(false))
        .body("eligibilityRules[3].options", contains("Computer Science", "Mathematics", "Other"))
        .body("eligibilityRules[3].rule.value", contains("Computer Science", "Mathematics"))
        .body("version", equalTo(0));

    read(id)
        .statusCode(200)
        .header("ETag", equalTo("\"0\""))
        .body("id", equalTo(id))
        .body(
            "eligibilityRules.id",
            contains("commitsTwelveWeeks", "internshipWeeks", "graduationDate", "degree"))
        .body("eligibilityRules[0].rule.operator", equalTo("EQUALS"))
        .body("eligibilityRules[0].rule.value", equalTo(true))
        .body("eligibilityRules[0].options", nullValue());
  }

  @Test
  void shouldOpenCloseAndReopenRoleBumpingItsVersion() {
    String id = draft("Lifecycle", 2);

    action(id, "open", null)
        .statusCode(200)
        .header("ETag", equalTo("\"1\""))
        .body("status", equalTo("OPEN"));
    action(id, "close", "{\"reason\": \"Budget moved to next year\"}")
        .statusCode(200)
        .header("ETag", equalTo("\"2\""))
        .body("status", equalTo("CLOSED"));
    action(id, "reopen", null)
        .statusCode(200)
        .header("ETag", equalTo("\"3\""))
        .body("status", equalTo("OPEN"))
        .body("openings", equalTo(2));
    action(id, "close", "{\"reason\": \"again\"}").statusCode(200);
    action(id, "reopen", "{\"additionalOpenings\": 2, \"reason\": \"two more funded\"}")
        .statusCode(200)
        .body("openings", equalTo(4))
        .body("status", equalTo("OPEN"));
  }

  @Test
  void shouldRefuseIllegalStatusChangesNamingTheAllowedActions() {
    String id = draft("Lifecycle", 1);

    action(id, "close", "{\"reason\": \"no\"}")
        .statusCode(409)
        .contentType(PROBLEM)
        .body("currentStatus", equalTo("DRAFT"))
        .body("allowedActions", contains("open"));
    action(id, "reopen", null).statusCode(409).body("allowedActions", contains("open"));

    action(id, "open", null).statusCode(200);
    action(id, "open", null)
        .statusCode(409)
        .contentType(PROBLEM)
        .body("currentStatus", equalTo("OPEN"))
        .body("allowedActions", contains("close"));
    action(id, "reopen", null).statusCode(409).body("allowedActions", contains("close"));

    action(id, "close", "{\"reason\": \"done\"}").statusCode(200);
    action(id, "close", "{\"reason\": \"done\"}")
        .statusCode(409)
        .body("currentStatus", equalTo("CLOSED"))
        .body("allowedActions", contains("reopen"));
    read(id).body("status", equalTo("CLOSED")).body("version", equalTo(2));
  }

  @Test
  void shouldRequireReasonToClose() {
    String id = openRole("Lifecycle", 1);

    action(id, "close", "{\"reason\": \"  \"}")
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", hasItem("reason"));
    action(id, "close", "{}").statusCode(400).body("violations.field", hasItem("reason"));
    action(id, "close", null).statusCode(400).contentType(PROBLEM);
    read(id).body("status", equalTo("OPEN"));
  }

  @Test
  void shouldRefuseNegativeAdditionalOpenings() {
    String id = openRole("Lifecycle", 1);
    action(id, "close", "{\"reason\": \"pause\"}").statusCode(200);

    action(id, "reopen", "{\"additionalOpenings\": -1}")
        .statusCode(400)
        .body("violations.field", hasItem("additionalOpenings"));
    read(id).body("status", equalTo("CLOSED"));
  }

  @Test
  void shouldAnswer404ForUnknownRoleAnd400ForMalformedId() {
    String unknown = UUID.randomUUID().toString();
    read(unknown).statusCode(404).contentType(PROBLEM);
    action(unknown, "open", null).statusCode(404).contentType(PROBLEM);
    action(unknown, "close", "{\"reason\": \"x\"}").statusCode(404);
    action(unknown, "reopen", null).statusCode(404);
    read("not-a-uuid").statusCode(400).contentType(PROBLEM);
  }

  @Test
  void shouldRefuseStaleIfMatchOnStatusChange() {
    String id = draft("Lifecycle", 1);

    given()
        .header("Authorization", TestTokens.recruiter())
        .header("If-Match", "\"7\"")
        .post("/api/v1/roles/{id}/open", id)
        .then()
        .statusCode(412)
        .contentType(PROBLEM);
    read(id).body("status", equalTo("DRAFT"));
    given()
        .header("Authorization", TestTokens.recruiter())
        .header("If-Match", "\"0\"")
        .post("/api/v1/roles/{id}/open", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("OPEN"));
  }
}
