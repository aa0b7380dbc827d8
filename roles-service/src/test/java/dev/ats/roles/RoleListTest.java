package dev.ats.roles;

import static dev.ats.roles.Fixtures.PROBLEM;
import static dev.ats.roles.Fixtures.action;
import static dev.ats.roles.Fixtures.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.nullValue;

import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoleListTest {

  @Inject EntityManager em;

  private static String role(
      String team, String title, String workplace, String employment, String description) {
    String body =
        """
        {"title": "%s", "team": "%s", "description": "%s", "location": "Lisbon",
         "workplaceType": "%s", "employmentType": "%s", "openings": 1}
        """
            .formatted(title, team, description, workplace, employment);
    return create(body).statusCode(201).extract().path("id");
  }

  private static ValidatableResponse list(Map<String, Object> query) {
    return given()
        .header("Authorization", TestTokens.integration())
        .queryParams(query)
        .get("/api/v1/roles")
        .then()
        .statusCode(200);
  }

  @Test
  void shouldPageThroughEveryRoleNewestFirstWithoutRepeats() {
    String team = "Paging-" + UUID.randomUUID();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(role(team, "Role " + i, "REMOTE", "FULL_TIME", "d"));
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var query = new java.util.HashMap<String, Object>(Map.of("team", team, "limit", 3));
      if (cursor != null) {
        query.put("cursor", cursor);
      }
      var page = list(query).extract();
      seen.addAll(page.path("items.id"));
      cursor = page.path("nextCursor");
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    java.util.Collections.reverse(created);
    assertThat(seen).containsExactlyElementsOf(created);
  }

  @Test
  void shouldFilterByStatusTeamWorkplaceEmploymentAndText() {
    String team = "Filters-" + UUID.randomUUID();
    String remoteIntern = role(team, "Security Engineer - Intern", "REMOTE", "INTERNSHIP", "hunt");
    String onsiteFullTime = role(team, "Site Reliability", "ONSITE", "FULL_TIME", "Keep it UP");
    String hybridContract = role(team, "Product Manager", "HYBRID", "CONTRACT", "plan 100%");
    action(onsiteFullTime, "open", null).statusCode(200);

    list(Map.of("team", team.toUpperCase(), "status", "OPEN"))
        .body("items.id", contains(onsiteFullTime));
    list(Map.of("team", team, "status", "DRAFT"))
        .body("items.id", contains(hybridContract, remoteIntern));
    list(Map.of("team", team, "workplaceType", "REMOTE")).body("items.id", contains(remoteIntern));
    list(Map.of("team", team, "employmentType", "CONTRACT"))
        .body("items.id", contains(hybridContract));
    list(Map.of("team", team, "q", "intern")).body("items.id", contains(remoteIntern));
    list(Map.of("team", team, "q", "keep it up")).body("items.id", contains(onsiteFullTime));
    list(Map.of("team", team, "q", "100%")).body("items.id", contains(hybridContract));
    list(Map.of("team", team, "q", "_")).body("items", org.hamcrest.Matchers.empty());
    list(Map.of("q", team.substring(8)))
        .body("items.id", contains(hybridContract, onsiteFullTime, remoteIntern))
        .body("nextCursor", nullValue());
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldAnswerTheTextSearchFromTheTrigramIndexes() {
    String word = "Trgm" + UUID.randomUUID().toString().substring(0, 8);
    String id = role("Search", "Engineer", "REMOTE", "FULL_TIME", "Works on " + word + " daily");
    list(Map.of("q", word.toUpperCase())).body("items.id", contains(id));

    // The condition the list sends (lower(column) like :text escape '!', for each column), planned
    // as PostgreSQL would plan it on a table too big to read whole.
    List<String> plan =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
                  return (List<String>)
                      em.createNativeQuery(
                              "explain select id from role where lower(title) like :text"
                                  + " escape '!' or lower(description) like :text escape '!'"
                                  + " or lower(team) like :text escape '!'")
                          .setParameter("text", "%" + word.toLowerCase() + "%")
                          .getResultList();
                });
    String text = String.join("\n", plan);
    assertThat(text)
        .contains("role_title_trgm", "role_description_trgm", "role_team_trgm")
        .doesNotContain("Seq Scan");
  }

  @Test
  void shouldRefuseBadFilterCursorAndLimit() {
    given()
        .queryParam("status", "SLEEPING")
        .get("/api/v1/roles")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .queryParam("cursor", "garbage!")
        .get("/api/v1/roles")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .queryParam("limit", 101)
        .get("/api/v1/roles")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given().queryParam("limit", 0).get("/api/v1/roles").then().statusCode(400).contentType(PROBLEM);
  }
}
