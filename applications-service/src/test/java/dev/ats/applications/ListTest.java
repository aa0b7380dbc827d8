package dev.ats.applications;

import static dev.ats.applications.Fixtures.eligibleAnswers;
import static dev.ats.applications.Fixtures.moveTo;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submission;
import static dev.ats.applications.Fixtures.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ListTest {

  @Test
  void shouldListARolesApplicationsNewestFirstAcrossPagesWithoutGapsOrRepeats() {
    UUID roleId = openRole(1);
    List<String> submitted = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      submitted.add(Fixtures.submitEligible(roleId).id().toString());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var request =
          given()
              .header("Authorization", TestTokens.recruiter())
              .queryParam("roleId", roleId)
              .queryParam("limit", 3);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      var page = request.get("/api/v1/applications").then().statusCode(200).extract();
      seen.addAll(page.path("items.id"));
      cursor = page.path("nextCursor");
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    java.util.Collections.reverse(submitted);
    assertThat(seen).isEqualTo(submitted);
  }

  @Test
  void shouldFilterByStageEligibilityNameOrEmailAndSubmissionDate() {
    UUID roleId = openRole(1);
    String ada = "ada.filter-" + UUID.randomUUID() + "@example.com";
    String adaId = submit(submission(roleId, ada, eligibleAnswers())).path("id");
    Map<String, Object> unsure = eligibleAnswers();
    unsure.remove("graduationDate");
    String reviewId = submit(submission(roleId, Fixtures.email(), unsure)).path("id");
    String screenedId = Fixtures.submitEligible(roleId).id().toString();
    moveTo(UUID.fromString(screenedId), "SCREENING");

    assertThat(list(Map.of("roleId", roleId, "stage", "SCREENING"))).containsExactly(screenedId);
    assertThat(list(Map.of("roleId", roleId, "eligibility", "NEEDS_REVIEW")))
        .containsExactly(reviewId);
    assertThat(list(Map.of("q", ada.substring(0, 20).toUpperCase()))).containsExactly(adaId);
    assertThat(
            list(
                Map.of(
                    "roleId", roleId, "submittedFrom", "2000-01-01", "submittedTo", "2000-12-31")))
        .isEmpty();
    assertThat(list(Map.of("roleId", roleId, "submittedFrom", "2000-01-01"))).hasSize(3);
  }

  @Test
  void shouldRejectAMadeUpCursorOrBadFilters() {
    for (Map<String, Object> bad :
        List.of(
            Map.<String, Object>of("cursor", "bm9wZQ"),
            Map.<String, Object>of("limit", 101),
            Map.<String, Object>of("stage", "NOWHERE"),
            Map.<String, Object>of("submittedFrom", "yesterday"))) {
      given()
          .header("Authorization", TestTokens.recruiter())
          .queryParams(bad)
          .get("/api/v1/applications")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    given()
        .header("Authorization", TestTokens.recruiter())
        .queryParam("roleId", UUID.randomUUID())
        .get("/api/v1/applications")
        .then()
        .statusCode(200)
        .body("items", equalTo(List.of()))
        .body("nextCursor", equalTo(null));
  }

  private static List<String> list(Map<String, Object> query) {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .queryParams(query)
        .get("/api/v1/applications")
        .then()
        .statusCode(200)
        .extract()
        .path("items.id");
  }
}
