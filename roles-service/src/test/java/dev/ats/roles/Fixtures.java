package dev.ats.roles;

import static io.restassured.RestAssured.given;

import dev.ats.infra.test.TestKafka;
import dev.ats.infra.test.TestTokens;
import dev.ats.platform.events.EventTypes;
import dev.ats.roles.messaging.ApplicationEventsConsumer;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Roles made through the public API, hires sent as applications-service would send them, and what
 * the service wrote (its outbox and inbox) for checks that the API does not show.
 */
final class Fixtures {

  /** How long to wait for an asynchronous effect (a consumed event, a published one). */
  static final Duration WAIT = Duration.ofSeconds(60);

  static final String MERGE_PATCH = "application/merge-patch+json";
  static final String PROBLEM = "application/problem+json";
  static final String APPLICATIONS_TOPIC = EventTypes.APPLICATIONS_TOPIC;
  static final String HIRED = EventTypes.APPLICATION_HIRED;
  static final String DEAD_LETTER_TOPIC = "roles.dead-letter";

  private Fixtures() {}

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

  /** GET /api/v1/roles/{id}/unplaced-hires as a recruiter. */
  static ValidatableResponse unplacedHires(String roleId) {
    return unplacedHires(TestTokens.recruiter(), roleId, Map.of());
  }

  /**
   * GET /api/v1/roles/{id}/unplaced-hires with {@code authorization} (null: none) and {@code query}
   * parameters.
   */
  static ValidatableResponse unplacedHires(
      String authorization, String roleId, Map<String, ?> query) {
    var request = given().queryParams(query);
    if (authorization != null) {
      request = request.header("Authorization", authorization);
    }
    return request.get("/api/v1/roles/{id}/unplaced-hires", roleId).then();
  }

  /** The types of the events the role's changes wrote to the outbox, in order. */
  static List<String> outboxTypes(String roleId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Panache.getEntityManager()
                    .createQuery(
                        "select e.type from OutboxEvent e where e.subject = :s order by e.seq",
                        String.class)
                    .setParameter("s", roleId)
                    .getResultList());
  }

  /** The payloads of the role's events of {@code type} in the outbox, in order. */
  static List<String> outboxPayloads(String roleId, String type) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Panache.getEntityManager()
                    .createQuery(
                        "select e.payload from OutboxEvent e where e.subject = :s and e.type = :t"
                            + " order by e.seq",
                        String.class)
                    .setParameter("s", roleId)
                    .setParameter("t", type)
                    .getResultList());
  }

  /** Whether the hires consumer has processed the event {@code eventId} (its inbox record). */
  static boolean processed(String eventId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Panache.getEntityManager()
                    .createNativeQuery(
                        "select count(*) from processed_event where consumer = :c and event_id = :id",
                        Long.class)
                    .setParameter("c", ApplicationEventsConsumer.CONSUMER)
                    .setParameter("id", eventId)
                    .getSingleResult()
                    .equals(1L));
  }
}
