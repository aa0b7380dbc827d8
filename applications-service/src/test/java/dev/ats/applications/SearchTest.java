package dev.ats.applications;

import static dev.ats.applications.Fixtures.eligibleAnswers;
import static dev.ats.applications.Fixtures.email;
import static dev.ats.applications.Fixtures.moveTo;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submission;
import static dev.ats.applications.Fixtures.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.applications.service.documents.DocumentTextChanged;
import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/applications?q=}: full-text search over names, e-mail, school, degree, answers
 * and the documents' text, ranked, with snippets, trigram matches of names, and cursor paging.
 * Documents are inserted with SQL (their upload is another test's business) and announced with the
 * contract's {@link DocumentTextChanged}, as the extraction does.
 */
@QuarkusTest
class SearchTest {

  private static final Random RANDOM = new Random();

  @Inject EntityManager em;
  @Inject Event<DocumentTextChanged> textChanged;

  @Test
  void shouldFindACandidateByAWordOnlyInTheirResume() {
    UUID roleId = openRole(1);
    String word = word();
    UUID match = apply(roleId, "Resume", word());
    UUID other = apply(roleId, "Other", word());
    attachResume(match, "Five years of " + word + " and distributed systems at scale.");
    attachResume(other, "Five years of accounting.");

    JsonPath page = search(TestTokens.recruiter(), Map.of("q", word));
    assertThat(page.getList("items.id", String.class)).containsExactly(match.toString());
    assertThat(page.getString("items[0].match.snippet")).contains("«" + word + "»");
    assertThat(page.getFloat("items[0].match.rank")).isPositive();
    // Without q there is no match object.
    assertThat(
            search(TestTokens.recruiter(), Map.of("roleId", roleId))
                .getList("items.match", Object.class))
        .containsOnlyNulls();
  }

  @Test
  void shouldNotLetAnIntegrationSearchTheDocumentsItMayNotRead() {
    UUID roleId = openRole(1);
    String word = word();
    UUID id = apply(roleId, "Hidden", word());
    attachResume(id, "Contributor to " + word + ".");

    assertThat(ids(search(TestTokens.hiringManager(), Map.of("q", word)))).containsExactly(id);
    assertThat(ids(search(TestTokens.integration(), Map.of("q", word)))).isEmpty();
    // What the integration may read is still searchable, and no snippet quotes the document.
    JsonPath byName = search(TestTokens.integration(), Map.of("q", "hidden " + surname(id)));
    assertThat(ids(byName)).containsExactly(id);
    assertThat(byName.getString("items[0].match.snippet")).doesNotContain("Contributor");
  }

  @Test
  void shouldRankTheBetterMatchFirst() {
    UUID roleId = openRole(1);
    String word = word();
    UUID once = apply(roleId, "Once", word());
    UUID often = apply(roleId, "Often", word());
    UUID inName = apply(roleId, word, word());
    attachResume(once, "Some " + word + " once, then gardening and cooking for years.");
    attachResume(often, word + " daily: " + word + " services, " + word + " tooling, " + word);

    JsonPath page = search(TestTokens.recruiter(), Map.of("q", word, "roleId", roleId));
    assertThat(ids(page)).containsExactly(inName, often, once);
    List<Float> ranks = page.getList("items.match.rank", Float.class);
    assertThat(ranks).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    assertThat(ranks.get(1)).isGreaterThan(ranks.get(2));
  }

  @Test
  void shouldHonourPhrasesExcludedWordsAndAlternatives() {
    UUID roleId = openRole(1);
    String rust = word();
    String distributed = word();
    String systems = word();
    String php = word();
    UUID phrase = apply(roleId, "Phrase", word());
    UUID scrambled = apply(roleId, "Scrambled", word());
    UUID excluded = apply(roleId, "Excluded", word());
    attachResume(phrase, rust + " engineer building " + distributed + " " + systems + ".");
    attachResume(scrambled, rust + " engineer: " + systems + " that are " + distributed + ".");
    attachResume(
        excluded, rust + " and " + php + " engineer, " + distributed + " " + systems + ".");
    // Another role's application that matches: the filter still holds with an excluded word.
    UUID elsewhere = apply(openRole(1), "Elsewhere", word());
    attachResume(elsewhere, rust + " engineer.");

    String query = rust + " -" + php + " \"" + distributed + " " + systems + "\"";
    assertThat(ids(search(TestTokens.recruiter(), Map.of("q", query)))).containsExactly(phrase);
    assertThat(
            ids(search(TestTokens.recruiter(), Map.of("q", rust + " -" + php, "roleId", roleId))))
        .containsExactlyInAnyOrder(phrase, scrambled);
    assertThat(ids(search(TestTokens.recruiter(), Map.of("q", rust + " -" + php))))
        .containsExactlyInAnyOrder(phrase, scrambled, elsewhere);
    assertThat(
            ids(
                search(
                    TestTokens.recruiter(), Map.of("q", php + " or " + systems, "roleId", roleId))))
        .containsExactlyInAnyOrder(phrase, scrambled, excluded);
    // A phrase alone: its words in order, not merely all present.
    assertThat(
            ids(
                search(
                    TestTokens.recruiter(),
                    Map.of("q", "\"" + distributed + " " + systems + "\"", "roleId", roleId))))
        .containsExactlyInAnyOrder(phrase, excluded);
  }

  @Test
  void shouldPageThroughAPhraseBestFirstAndMatchItInWhatAnIntegrationMayRead() {
    UUID roleId = openRole(1);
    String first = word();
    String second = word();
    List<UUID> matching = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UUID id = apply(roleId, "Phrased", word());
      attachResume(id, (first + " " + second + " and ").repeat(1 + i) + "more.");
      matching.add(id);
      // Both words often, never as the phrase: found by the index, refused by the phrase.
      UUID apart = apply(roleId, "Apart", word());
      attachResume(apart, (first + " and then " + second + " ").repeat(6));
    }
    List<UUID> seen = new ArrayList<>();
    String cursor = null;
    do {
      Map<String, Object> params =
          new HashMap<>(Map.of("q", "\"" + first + " " + second + "\"", "limit", 2));
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      JsonPath page = search(TestTokens.recruiter(), params);
      seen.addAll(ids(page));
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    // The more often the phrase, the better the match.
    List<UUID> bestFirst = new ArrayList<>(matching);
    Collections.reverse(bestFirst);
    assertThat(seen).containsExactlyElementsOf(bestFirst);

    // An integration's phrase is matched in what it may read (here the school), never the résumés.
    Map<String, Object> body = submission(roleId, email(), eligibleAnswers());
    person(body).put("school", capitalised(first) + " " + capitalised(second) + " Institute");
    var submitted = submit(body);
    assertThat(submitted.statusCode()).isEqualTo(201);
    assertThat(
            ids(search(TestTokens.integration(), Map.of("q", "\"" + first + " " + second + "\""))))
        .containsExactly(UUID.fromString(submitted.path("id")));
  }

  @Test
  void shouldFindANameByItsBeginningAndDespiteATypo() {
    UUID roleId = openRole(1);
    String surname = capitalised(word());
    UUID id = apply(roleId, "Grace", surname);
    apply(roleId, "Grace", capitalised(word()));

    String prefix = surname.substring(0, 5);
    char[] typo = surname.toCharArray();
    typo[5] = typo[5] == 'x' ? 'y' : 'x';
    for (String q : List.of(prefix, new String(typo), "grace " + new String(typo).toUpperCase())) {
      JsonPath page = search(TestTokens.recruiter(), Map.of("q", q, "roleId", roleId));
      assertThat(ids(page)).as(q).first().isEqualTo(id);
    }
  }

  @Test
  void shouldPageThroughMatchesWithFiltersBestFirstWithoutGapsOrRepeats() {
    UUID roleId = openRole(1);
    String word = word();
    List<UUID> screened = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      UUID id = apply(roleId, "Paged", word());
      // Two of each number of mentions: equal ranks are ordered by id.
      attachResume(id, (word + " ").repeat(1 + i / 2) + "and more.");
      moveTo(id, "SCREENING");
      screened.add(id);
    }
    UUID notScreened = apply(roleId, "Paged", word());
    attachResume(notScreened, word + " " + word + " " + word + " " + word + " " + word);

    List<UUID> seen = new ArrayList<>();
    List<Float> ranks = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Map<String, Object> params = new HashMap<>(Map.of("q", word, "stage", "SCREENING"));
      params.put("limit", 3);
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      JsonPath page = search(TestTokens.recruiter(), params);
      seen.addAll(ids(page));
      ranks.addAll(page.getList("items.match.rank", Float.class));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(screened);
    assertThat(ranks).isSortedAccordingTo((a, b) -> Float.compare(b, a));
    assertThat(seen.get(0)).isEqualTo(screened.get(6));
    // A list cursor is not a search cursor.
    String listCursor =
        search(TestTokens.recruiter(), Map.of("roleId", roleId, "limit", 1))
            .getString("nextCursor");
    given()
        .header("Authorization", TestTokens.recruiter())
        .queryParam("q", word)
        .queryParam("cursor", listCursor)
        .get("/api/v1/applications")
        .then()
        .statusCode(400);
  }

  @Test
  void shouldNotFindAnErasedCandidateByTheirOldNameOrEmail() {
    UUID roleId = openRole(1);
    String surname = capitalised(word());
    String email = email();
    Map<String, Object> body = submission(roleId, email, eligibleAnswers());
    person(body).put("lastName", surname);
    var submitted = submit(body);
    UUID id = UUID.fromString(submitted.path("id"));
    assertThat(ids(search(TestTokens.recruiter(), Map.of("q", surname)))).containsExactly(id);
    assertThat(ids(search(TestTokens.recruiter(), Map.of("q", email)))).containsExactly(id);

    given()
        .header("Authorization", TestTokens.recruiter())
        .delete("/api/v1/candidates/" + submitted.path("candidateId"))
        .then()
        .statusCode(204);

    for (String q : List.of(surname, email, surname.substring(0, 6), "ada " + surname)) {
      assertThat(ids(search(TestTokens.recruiter(), Map.of("q", q)))).as(q).isEmpty();
    }
  }

  @Test
  void shouldKeepTheIndexCurrentWhenACandidateAppliesAgainWithNewDetails() {
    UUID roleA = openRole(1);
    UUID roleB = openRole(1);
    String email = email();
    String school = capitalised(word());
    submit(submission(roleA, email, eligibleAnswers()));
    Map<String, Object> again = submission(roleB, email, eligibleAnswers());
    person(again).put("school", school + " Institute");
    submit(again);

    assertThat(search(TestTokens.recruiter(), Map.of("q", school)).getList("items.roleId"))
        .containsExactlyInAnyOrder(roleA.toString(), roleB.toString());
  }

  // --- helpers ----------------------------------------------------------------------------------

  private static String word() {
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      word.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return word.toString();
  }

  private static String capitalised(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> person(Map<String, Object> body) {
    return (Map<String, Object>) body.get("candidate");
  }

  private final Map<UUID, String> surnames = new LinkedHashMap<>();

  private UUID apply(UUID roleId, String firstName, String lastName) {
    Map<String, Object> body = submission(roleId, email(), eligibleAnswers());
    person(body).put("firstName", firstName);
    person(body).put("lastName", lastName);
    var response = submit(body);
    assertThat(response.statusCode()).isEqualTo(201);
    UUID id = UUID.fromString(response.path("id"));
    surnames.put(id, lastName);
    return id;
  }

  private String surname(UUID id) {
    return surnames.get(id);
  }

  /** A claimed résumé with extracted text, as the documents' extraction leaves it. */
  private void attachResume(UUID applicationId, String text) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              em.createNativeQuery(
                      "insert into document (id, application_id, kind, file_name, content_type,"
                          + " size_bytes, sha256, storage, extraction_state, text_extracted,"
                          + " extracted_text, uploaded_at, expires_at, claimed_at, extracted_at)"
                          + " values (cast(:id as uuid), cast(:applicationId as uuid), 'RESUME',"
                          + " 'cv.txt', 'text/plain', 100, repeat('0', 64), 'POSTGRES', 'DONE',"
                          + " true, :text, now(), now() + interval '1 day', now(), now())")
                  .setParameter("id", UUID.randomUUID().toString())
                  .setParameter("applicationId", applicationId.toString())
                  .setParameter("text", text)
                  .executeUpdate();
              textChanged.fire(new DocumentTextChanged(applicationId));
            });
  }

  private static JsonPath search(String token, Map<String, ?> params) {
    return given()
        .header("Authorization", token)
        .queryParams(params)
        .get("/api/v1/applications")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static List<UUID> ids(JsonPath page) {
    return page.getList("items.id", String.class).stream().map(UUID::fromString).toList();
  }
}
