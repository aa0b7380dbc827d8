package dev.ats.infra.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./ats demo}: the internship posting's three roles and a handful of candidates at different
 * stages, loaded through the public API via the gateway as a recruiter and as candidates would, so
 * the first look at Swagger UI shows a populated system.
 */
final class Demo {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> DEGREES =
      List.of("Computer Science", "Engineering", "Mathematics", "Statistics", "Other");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String gateway;
  private final String token;

  Demo(String gateway, String token) {
    this.gateway = gateway;
    this.token = token;
  }

  // --- the request bodies, as the API documents them -------------------------------------------

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Rule(String operator, Object value) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EligibilityRule(
      String id,
      String question,
      String answerType,
      List<String> options,
      Rule rule,
      boolean required) {}

  record NewRole(
      String title,
      String team,
      String description,
      String location,
      String workplaceType,
      String employmentType,
      int durationWeeks,
      int openings,
      String applicationDeadline,
      String respondBy,
      List<EligibilityRule> eligibilityRules,
      // The demo's candidates apply without documents (issue 13: roles require a résumé by
      // default).
      boolean resumeRequired) {}

  record Candidate(
      String email,
      String firstName,
      String lastName,
      String school,
      String degree,
      String graduationDate) {}

  record Consent(String privacyPolicyVersion, boolean accepted) {}

  record Submission(
      String roleId,
      Candidate candidate,
      Map<String, Object> answers,
      Consent consent,
      String source) {}

  record Transition(String to, String reason) {}

  /** Runs the whole demo, one step per phase. */
  void run(Console console) {
    console.step("Creating and opening the three intern roles");
    String swe = role("Software Engineer - Intern", "Engineering", 3);
    String pm = role("Product Manager - Intern", "Product", 1);
    String sec = role("Security Engineer - Intern", "Security", 1);
    console.ok();

    console.step("Candidates applying through the careers page (anonymous)");
    String ada = apply(swe, "Ada", "Lovelace", true, "Mathematics");
    String grace = apply(swe, "Grace", "Hopper", true, "Computer Science");
    apply(swe, "Linus", "Torvalds", false, "Computer Science");
    String margaret = apply(pm, "Margaret", "Hamilton", true, "Engineering");
    apply(pm, "Ken", "Thompson", true, "Other");
    String barbara = apply(sec, "Barbara", "Liskov", true, "Computer Science");
    apply(sec, "Alan", "Turing", true, "Mathematics");
    console.ok("7 applications: one ineligible, one to review");

    console.step("Recruiters moving them through the pipeline");
    move(ada, "SCREENING", "INTERVIEWING", "OFFERED", "HIRED");
    move(grace, "SCREENING", "INTERVIEWING");
    move(margaret, "SCREENING");
    move(barbara, "SCREENING", "INTERVIEWING", "OFFERED");
    console.ok();
  }

  /** Creates and opens a role; returns its id. */
  private String role(String title, String team, int openings) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    NewRole role =
        new NewRole(
            title,
            team,
            "Ship and deliver projects over 12 weeks with autonomy and support. Be assigned a"
                + " mentor and present your project to the entire company.",
            "Austin, TX",
            "HYBRID",
            "INTERNSHIP",
            12,
            openings,
            today.plusDays(14) + "T23:59:59Z",
            today.plusDays(21).toString(),
            List.of(
                new EligibilityRule(
                    "commitsTwelveWeeks",
                    "Can you commit to a 12-week internship?",
                    "BOOLEAN",
                    null,
                    new Rule("EQUALS", true),
                    true),
                new EligibilityRule(
                    "degree",
                    "Which degree are you pursuing?",
                    "CHOICE",
                    DEGREES,
                    new Rule("ONE_OF", DEGREES.subList(0, 4)),
                    false)),
            false);
    String id =
        expect(send("POST", "/api/v1/roles", role, Map.of()), "create a role").path("id").asText();
    expect(send("POST", "/api/v1/roles/" + id + "/open", null, Map.of()), "open a role");
    return id;
  }

  /**
   * A candidate applies, anonymously, with an Idempotency-Key (a rerun of the demo is not a second
   * application). The new role reaches applications-service through Kafka within moments: until
   * then the submit is a 404 or 409, so it is tried again for a minute.
   */
  private String apply(String roleId, String first, String last, boolean commits, String degree) {
    String email = (first + "." + last).toLowerCase(Locale.ROOT) + "@example.com";
    Submission submission =
        new Submission(
            roleId,
            new Candidate(email, first, last, "State University", "BSc", "2027-06-30"),
            Map.of("commitsTwelveWeeks", commits, "degree", degree),
            new Consent("2026-01", true),
            "demo");
    for (int attempt = 0; attempt < 60; attempt++) {
      HttpResponse<String> response =
          send(
              "POST",
              "/api/v1/applications",
              submission,
              Map.of("Idempotency-Key", "demo-" + email + "-" + roleId),
              false);
      if (response.statusCode() == 201) {
        return read(response).path("id").asText();
      }
      if (response.statusCode() != 404 && response.statusCode() != 409) {
        throw failure("submit " + email, response);
      }
      pause();
    }
    throw new Console.Failure(
        "The role never became open to applications (is applications-service consuming"
            + " roles.events? see ./ats logs applications).");
  }

  /** Moves an application through the stages, each with the If-Match of its current version. */
  private void move(String applicationId, String... stages) {
    String path = "/api/v1/applications/" + applicationId;
    for (String stage : stages) {
      String version =
          expect(send("GET", path, null, Map.of()), "read an application").path("version").asText();
      expect(
          send(
              "POST",
              path + "/transitions",
              new Transition(stage, "demo"),
              Map.of("If-Match", "\"" + version + "\"")),
          "move an application to " + stage);
    }
  }

  private HttpResponse<String> send(
      String method, String path, Object body, Map<String, String> headers) {
    return send(method, path, body, headers, true);
  }

  private HttpResponse<String> send(
      String method, String path, Object body, Map<String, String> headers, boolean asRecruiter) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(gateway + path))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (asRecruiter) {
        request.header("Authorization", "Bearer " + token);
      }
      headers.forEach(request::header);
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Console.Failure(method + " " + path + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Console.Failure("interrupted");
    }
  }

  /** The response body, if the status is a success (2xx); otherwise the demo stops. */
  private static JsonNode expect(HttpResponse<String> response, String what) {
    if (response.statusCode() / 100 != 2) {
      throw failure("could not " + what, response);
    }
    return read(response);
  }

  private static JsonNode read(HttpResponse<String> response) {
    try {
      return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new Console.Failure("not JSON from " + response.uri() + ": " + response.body());
    }
  }

  private static Console.Failure failure(String what, HttpResponse<String> response) {
    return new Console.Failure(
        what
            + ": "
            + response.request().method()
            + " "
            + response.uri().getPath()
            + " -> "
            + response.statusCode()
            + " "
            + response.body());
  }

  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Console.Failure("interrupted");
    }
  }
}
