package dev.ats.roles;

import static dev.ats.roles.Fixtures.PROBLEM;
import static dev.ats.roles.Fixtures.draft;
import static dev.ats.roles.Fixtures.etag;
import static dev.ats.roles.Fixtures.patch;
import static dev.ats.roles.Fixtures.read;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RolePatchTest {

  @Test
  void shouldMergePatchFieldsAndReturnNewETag() {
    String id = draft("Patching", 3);

    patch(id, "\"0\"", "{\"title\": \"Security Engineer - Intern\", \"durationWeeks\": null}")
        .statusCode(200)
        .header("ETag", equalTo("\"1\""))
        .body("title", equalTo("Security Engineer - Intern"))
        .body("durationWeeks", nullValue())
        .body("team", equalTo("Patching"))
        .body("eligibilityRules", hasSize(4))
        .body("version", equalTo(1));
    read(id)
        .body("title", equalTo("Security Engineer - Intern"))
        .body("durationWeeks", nullValue());
  }

  @Test
  void shouldReplaceEligibilityRulesAsAWhole() {
    String id = draft("Patching", 1);

    patch(
            id,
            etag(id),
            """
            {"eligibilityRules": [{"id": "pursuingDegree", "question": "Are you pursuing a degree?",
              "answerType": "BOOLEAN", "rule": {"operator": "EQUALS", "value": true}}]}
            """)
        .statusCode(200)
        .body("eligibilityRules", hasSize(1))
        .body("eligibilityRules[0].id", equalTo("pursuingDegree"))
        .body("eligibilityRules[0].required", equalTo(true));
  }

  @Test
  void shouldKeepVersionWhenPatchChangesNothing() {
    String id = draft("Patching", 2);

    patch(id, "\"0\"", "{\"openings\": 2, \"team\": \"Patching\"}")
        .statusCode(200)
        .header("ETag", equalTo("\"0\""));
  }

  @Test
  void shouldRequireIfMatch() {
    String id = draft("Patching", 1);

    patch(id, null, "{\"title\": \"x\"}")
        .statusCode(428)
        .contentType(PROBLEM)
        .body("detail", containsString("If-Match"));
    patch(id, "*", "{\"title\": \"x\"}").statusCode(428).contentType(PROBLEM);
    read(id).body("title", equalTo("Software Engineer - Intern"));
  }

  @Test
  void shouldRefuseStaleETag() {
    String id = draft("Patching", 1);
    patch(id, "\"0\"", "{\"title\": \"First\"}").statusCode(200);

    patch(id, "\"0\"", "{\"title\": \"Second\"}").statusCode(412).contentType(PROBLEM);
    patch(id, "\"garbage\"", "{\"title\": \"Second\"}").statusCode(412).contentType(PROBLEM);
    read(id).body("title", equalTo("First"));
    patch(id, "W/\"1\"", "{\"title\": \"Second\"}")
        .statusCode(200)
        .body("title", equalTo("Second"));
  }

  @Test
  void shouldListEveryInvalidPatchedFieldAndWriteNothing() {
    String id = draft("Patching", 1);

    patch(id, "\"0\"", "{\"title\": null, \"openings\": 0, \"workplaceType\": \"MOON\"}")
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", hasItem("workplaceType"));
    patch(id, "\"0\"", "{\"title\": null, \"openings\": 0}")
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations.field", hasItem("title"))
        .body("violations.field", hasItem("openings"));
    read(id).body("version", equalTo(0)).body("openings", equalTo(1));
  }

  @Test
  void shouldRefuseReadOnlyAndUnknownFields() {
    String id = draft("Patching", 1);

    patch(id, "\"0\"", "{\"status\": \"OPEN\"}")
        .statusCode(400)
        .contentType(PROBLEM)
        .body("detail", containsString("read-only"));
    patch(id, "\"0\"", "{\"colour\": \"red\"}")
        .statusCode(400)
        .body("violations[0].field", equalTo("colour"));
    patch(id, "\"0\"", "[1, 2]").statusCode(400).contentType(PROBLEM);
    patch(id, "\"0\"", "{\"title\": ").statusCode(400).contentType(PROBLEM);
    read(id).body("status", equalTo("DRAFT"));
  }

  @Test
  void shouldAcceptOnlyMergePatchMediaType() {
    String id = draft("Patching", 1);

    given()
        .header("Authorization", TestTokens.recruiter())
        .header("If-Match", "\"0\"")
        .contentType(ContentType.JSON)
        .body("{\"title\": \"x\"}")
        .patch("/api/v1/roles/{id}", id)
        .then()
        .statusCode(415)
        .contentType(PROBLEM);
  }

  @Test
  void shouldAnswer404WhenPatchingUnknownRole() {
    patch(UUID.randomUUID().toString(), "\"0\"", "{\"title\": \"x\"}")
        .statusCode(404)
        .contentType(PROBLEM);
  }

  @Test
  void shouldAddAndRemoveOpenOpeningsWhenOpeningsChange() {
    String id = draft("Patching", 2);

    patch(id, "\"0\"", "{\"openings\": 5}").statusCode(200).body("openings", equalTo(5));
    patch(id, "\"1\"", "{\"openings\": 1}").statusCode(200).body("openings", equalTo(1));
    patch(id, "\"2\"", "{\"openings\": 3}").statusCode(200).body("openings", equalTo(3));
  }
}
