package dev.ats.notifications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ats.infra.test.ApiDocs;
import dev.ats.infra.test.TestTokens;
import dev.ats.notifications.Fixtures.Application;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The notifications API: who may do what, filters, pages and problems. */
@QuarkusTest
class NotificationApiTest {

  @Test
  void shouldListNotificationsOfAnApplicationPageByPageWithFilters() {
    Application linus = Application.of("Linus", "Kernel Engineer - Intern");
    Fixtures.submitted(linus, "ELIGIBLE");
    Fixtures.stageChanged(linus, "APPLIED", "INTERVIEWING");
    Fixtures.stageChanged(linus, "INTERVIEWING", "OFFERED");
    Fixtures.awaitSent(
        linus.applicationId(), "APPLICATION_RECEIVED", "MOVING_TO_INTERVIEWS", "OFFER");

    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var page =
          given()
              .header("Authorization", TestTokens.integration())
              .queryParam("applicationId", linus.applicationId())
              .queryParam("limit", 2)
              .queryParam("cursor", cursor)
              .get("/api/v1/notifications")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      seen.addAll(page.getList("items.type"));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(seen).containsExactly("OFFER", "MOVING_TO_INTERVIEWS", "APPLICATION_RECEIVED");

    given()
        .header("Authorization", TestTokens.hiringManager())
        .queryParam("candidateEmail", linus.email().toUpperCase())
        .queryParam("type", "OFFER")
        .queryParam("status", "SENT")
        .get("/api/v1/notifications")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].subject", equalTo("An offer for Kernel Engineer - Intern"))
        .body("items[0].recipient", equalTo(linus.email()))
        .body("nextCursor", nullValue());
    given()
        .header("Authorization", TestTokens.recruiter())
        .queryParam("status", "FAILED")
        .queryParam("applicationId", linus.applicationId())
        .get("/api/v1/notifications")
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
  }

  @Test
  void shouldShowTheRenderedMessageAndItsDeliveryAttempts() {
    Application ada = Application.of("Ada", "Software Engineer - Intern");
    Fixtures.submitted(ada, "ELIGIBLE");
    Fixtures.awaitSent(ada.applicationId(), "APPLICATION_RECEIVED");
    Object id = Fixtures.notificationsOf(ada.applicationId()).get(0).get("id");

    given()
        .header("Authorization", TestTokens.hiringManager())
        .get("/api/v1/notifications/{id}", id)
        .then()
        .statusCode(200)
        .body("recipient", equalTo(ada.email()))
        .body("subject", equalTo("We received your application for Software Engineer - Intern"))
        .body("bodyText", org.hamcrest.Matchers.containsString("Hi Ada,"))
        .body("bodyHtml", org.hamcrest.Matchers.containsString("<p>Hi Ada,</p>"))
        // One sent try (a try the SMTP server refused on an idle connection may precede it).
        .body("deliveryAttempts.findAll { it.outcome == 'SENT' }", hasSize(1))
        .body("deliveryAttempts[-1].outcome", equalTo("SENT"))
        .body("sentAt", notNullValue());
  }

  @Test
  void shouldAnswer304WhenIfNoneMatchNamesTheNotificationsETag() {
    Application grace = Application.of("Grace", "Compiler Engineer - Intern");
    Fixtures.submitted(grace, "ELIGIBLE");
    Fixtures.awaitSent(grace.applicationId(), "APPLICATION_RECEIVED");
    Object id = Fixtures.notificationsOf(grace.applicationId()).get(0).get("id");

    String etag =
        given()
            .header("Authorization", TestTokens.recruiter())
            .get("/api/v1/notifications/{id}", id)
            .then()
            .statusCode(200)
            .header("ETag", org.hamcrest.Matchers.matchesPattern("\"[0-9]+\""))
            .extract()
            .header("ETag");
    given()
        .header("Authorization", TestTokens.integration())
        .header("If-None-Match", etag)
        .get("/api/v1/notifications/{id}", id)
        .then()
        .statusCode(304)
        .header("ETag", etag)
        .body(org.hamcrest.Matchers.emptyString());
    given()
        .header("Authorization", TestTokens.recruiter())
        .header("If-None-Match", "\"1\"")
        .get("/api/v1/notifications/{id}", id)
        .then()
        .statusCode(200)
        .header("ETag", etag);
  }

  @Test
  void shouldRejectAnonymousCallersWithA401Problem() {
    given()
        .get("/api/v1/notifications")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .header("Authorization", "Bearer " + TestTokens.forged("x", "recruiter"))
        .get("/api/v1/notifications/{id}", UUID.randomUUID())
        .then()
        .statusCode(401);
    given()
        .post("/api/v1/notifications/{id}/retry", UUID.randomUUID())
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
  }

  @Test
  void shouldLetOnlyRecruitersRetry() {
    for (String reader : List.of(TestTokens.hiringManager(), TestTokens.integration())) {
      given()
          .header("Authorization", reader)
          .post("/api/v1/notifications/{id}/retry", UUID.randomUUID())
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
    }
    given()
        .header("Authorization", TestTokens.bearer("someone@ats.test", "candidate"))
        .get("/api/v1/notifications")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldAnswer404ForAnUnknownNotification() {
    UUID unknown = UUID.randomUUID();
    given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/notifications/{id}", unknown)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", equalTo("notification " + unknown + " does not exist"));
    Fixtures.retry(unknown).statusCode(404);
  }

  @Test
  void shouldAnswer409WhenRetryingANotificationThatDidNotFail() {
    Application grace = Application.of("Grace", "Security Engineer - Intern");
    Fixtures.submitted(grace, "ELIGIBLE");
    Fixtures.awaitSent(grace.applicationId(), "APPLICATION_RECEIVED");
    Object id = Fixtures.notificationsOf(grace.applicationId()).get(0).get("id");

    Fixtures.retry(id)
        .statusCode(409)
        .contentType("application/problem+json")
        .body("currentStatus", equalTo("SENT"));
  }

  @Test
  void shouldAnswer400ForBadFiltersAndCursors() {
    for (String[] bad :
        List.of(
            new String[] {"type", "NOT_A_TYPE"},
            new String[] {"status", "LOST"},
            new String[] {"applicationId", "42"},
            new String[] {"cursor", "bm90LWEtY3Vyc29y"},
            new String[] {"limit", "1000"})) {
      given()
          .header("Authorization", TestTokens.recruiter())
          .queryParam(bad[0], bad[1])
          .get("/api/v1/notifications")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
  }

  @Test
  void shouldDocumentTheApiWithItsBearerScheme() {
    given()
        .accept("application/json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
        .body("paths.'/api/v1/notifications'.get.security.bearer", everyItem(notNullValue()))
        .body("paths.'/api/v1/notifications/{id}/retry'.post.responses.keySet()", hasItem("409"));
  }

  @Test
  void shouldDocumentEveryAnswerItGivesSoThatAClientCanBeGeneratedFromIt() throws Exception {
    String document =
        given().queryParam("format", "json").get("/q/openapi").then().extract().asString();
    java.nio.file.Files.writeString(java.nio.file.Path.of("target", "openapi.json"), document);
    JsonNode api = ApiDocs.parse(document);
    ApiDocs.assertTrustworthy(api);
    ApiDocs.assertStatuses(api, "listNotifications", "200", "400", "401", "403", "500");
    ApiDocs.assertStatuses(api, "getNotification", "200", "400", "401", "403", "404");
    ApiDocs.assertStatuses(api, "retryNotification", "200", "401", "403", "404", "409");
    JsonNode schemas = api.at("/components/schemas");
    assertThat(schemas.has("NotificationPage")).isTrue();
    for (String nullable :
        List.of(
            "/NotificationSummary/properties/sentAt",
            "/NotificationSummary/properties/recipient",
            "/NotificationDetail/properties/lastError",
            "/NotificationDetail/properties/erasedAt",
            "/NotificationPage/properties/nextCursor")) {
      assertThat(schemas.at(nullable).toString()).as(nullable + " is nullable").contains("null");
    }
  }
}
