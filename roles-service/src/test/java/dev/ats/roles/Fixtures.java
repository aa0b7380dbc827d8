package dev.ats.roles;

import static io.restassured.RestAssured.given;

import dev.ats.infra.test.TestKafka;
import dev.ats.infra.test.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.UUID;

/** Roles made through the public API, and hires sent as applications-service would send them. */
final class RoleFixtures {

  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String PROBLEM = "application/problem+json";
  static final String APPLICATIONS_TOPIC = "applications.events";
  static final String HIRED = "dev.ats.application.hired.v1";

  private RoleFixtures() {}

  /** A valid create body for an internship with {@code openings} openings in {@code team}. */
  static String internship(String team, int openings) {
    return """
        {
          "title": "Software Engineer - Intern",
          "team": "%s",
          "description": "Ship and deliver projects over 12 weeks with autonomy and support.",
          "location": "Austin, TX",
          "workplaceType": "HYBRID",
          "employmentType": "INTERNSHIP",
          "durationWeeks": 12,
          "openings": %d,
          "applicationDeadline": "2021-11-15T23:59:59Z",
          "respondBy": "2021-12-01",
          "eligibilityRules": [
            {"id": "commitsTwelveWeeks", "question": "Can you commit to a 12-week internship?",
             "answerType": "BOOLEAN", "rule": {"operator": "EQUALS", "value": true}},
            {"id": "internshipWeeks", "question": "How many weeks can you intern?",
             "answerType": "NUMBER", "rule": {"operator": "GTE", "value": 12}, "required": false},
            {"id": "graduationDate", "question": "When do you graduate?",
             "answerType": "DATE", "rule": {"operator": "AFTER", "value": "2022-06-30"}},
            {"id": "degree", "question": "Which degree are you pursuing?", "answerType": "CHOICE",
             "options": ["Computer Science", "Mathematics", "Other"],
             "rule": {"operator": "ONE_OF", "value": ["Computer Science", "Mathematics"]}}
          ]
        }
        """
        .formatted(team, openings);
  }

  static ValidatableResponse create(String body) {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/roles")
        .then();
  }

  /** Creates a DRAFT role and returns its id. */
  static String draft(String team, int openings) {
    return create(internship(team, openings)).statusCode(201).extract().path("id");
  }

  /** Creates and opens a role and returns its id. */
  static String openRole(String team, int openings) {
    String id = draft(team, openings);
    action(id, "open", null).statusCode(200);
    return id;
  }

  static ValidatableResponse action(String id, String action, String body) {
    var request = given().header("Authorization", TestTokens.recruiter());
    if (body != null) {
      request = request.contentType(ContentType.JSON).body(body);
    }
    return request.post("/api/v1/roles/{id}/{action}", id, action).then();
  }

  static ValidatableResponse read(String id) {
    return given()
        .header("Authorization", TestTokens.hiringManager())
        .get("/api/v1/roles/{id}", id)
        .then();
  }

  static ValidatableResponse patch(String id, String ifMatch, String body) {
    var request =
        given().header("Authorization", TestTokens.recruiter()).contentType(MERGE_PATCH).body(body);
    if (ifMatch != null) {
      request = request.header("If-Match", ifMatch);
    }
    return request.patch("/api/v1/roles/{id}", id).then();
  }

  static String etag(String id) {
    return read(id).statusCode(200).extract().header("ETag");
  }

  /** Sends a hired event for {@code applicationId}; returns its ce_id. */
  static String hire(String roleId, String applicationId) {
    String eventId = UUID.randomUUID().toString();
    hire(roleId, applicationId, eventId);
    return eventId;
  }

  static void hire(String roleId, String applicationId, String eventId) {
    String body =
        """
        {"applicationId": "%s", "roleId": "%s", "candidateId": "%s", "actor": "rita.recruiter@ats.test",
         "version": 7, "hiredAt": "%s"}
        """
            .formatted(applicationId, roleId, UUID.randomUUID(), Instant.now());
    TestKafka.sendCloudEvent(
        APPLICATIONS_TOPIC, applicationId, eventId, HIRED, "/ats/applications-service", body);
  }
}
