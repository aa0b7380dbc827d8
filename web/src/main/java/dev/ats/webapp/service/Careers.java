package dev.ats.webapp.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ats.webapp.config.WebConfig;
import dev.ats.webapp.service.Gateway.Call;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the careers page asks of the API: open roles, one role, a submission, its status. */
@ApplicationScoped
public class Careers {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Gateway gateway;
  private final WebConfig config;

  public Careers(Gateway gateway, WebConfig config) {
    this.gateway = gateway;
    this.config = config;
  }

  /** The roles list's filters, as the roles API takes them. */
  @TemplateData
  public record Filters(
      String team, String workplaceType, String employmentType, String q, String cursor) {

    public Map<String, String> params() {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("team", team);
      params.put("workplaceType", workplaceType);
      params.put("employmentType", employmentType);
      params.put("q", q);
      return params;
    }

    /** The list's query without the cursor ({@code ?team=…}), for links. */
    public String query() {
      return Gateway.query(params());
    }

    /** The query of the next page. */
    public String next(String nextCursor) {
      Map<String, String> params = params();
      params.put("cursor", nextCursor);
      return Gateway.query(params);
    }
  }

  @TemplateData
  public record RolePage(List<Role> items, String nextCursor, String problem) {}

  public RolePage roles(Filters filters) {
    Map<String, String> params = filters.params();
    params.put("cursor", filters.cursor());
    params.put("limit", "20");
    ApiAnswer answer = gateway.send(Call.get("/api/v1/roles" + Gateway.query(params)));
    if (!answer.ok()) {
      return new RolePage(List.of(), null, answer.problemDetail());
    }
    List<Role> items = new ArrayList<>();
    answer.body().path("items").forEach(item -> items.add(gateway.read(item, Role.class)));
    JsonNode next = answer.body().path("nextCursor");
    return new RolePage(items, next.isTextual() ? next.asText() : null, null);
  }

  public Optional<Role> role(UUID id) {
    ApiAnswer answer = gateway.send(Call.get("/api/v1/roles/" + id));
    return answer.ok() ? Optional.of(gateway.read(answer.body(), Role.class)) : Optional.empty();
  }

  /** What a candidate typed, by form field name ({@code candidate.email}, {@code answers.x}). */
  public record Submission(Map<String, String> fields, String idempotencyKey) {
    public String get(String name) {
      String value = fields.get(name);
      return value == null ? "" : value.trim();
    }
  }

  /** The outcome of a submission: the application (with its access token once) or the errors. */
  @TemplateData
  public record Submitted(
      UUID applicationId, String accessToken, Map<String, String> errors, String problem) {
    public boolean accepted() {
      return applicationId != null;
    }
  }

  public Submitted submit(Role role, Submission submission) {
    Map<String, String> errors = new LinkedHashMap<>();
    ObjectNode body = NODES.objectNode();
    body.put("roleId", role.id().toString());
    ObjectNode candidate = body.putObject("candidate");
    for (String field : List.of("email", "firstName", "lastName", "phone")) {
      String value = submission.get("candidate." + field);
      if (!value.isEmpty()) {
        candidate.put(field, value);
      }
    }
    ObjectNode answers = body.putObject("answers");
    for (Role.Question question : role.questions()) {
      String value = submission.get(question.field());
      if (value.isEmpty()) {
        continue;
      }
      if (question.isBoolean()) {
        answers.put(question.id(), "yes".equals(value));
      } else if (question.isNumber()) {
        try {
          answers.put(question.id(), new BigDecimal(value));
        } catch (NumberFormatException e) {
          // Sent as typed: the API refuses it too, with the other fields' problems.
          answers.put(question.id(), value);
          errors.put(question.field(), "Enter a number, for example 12");
        }
      } else if (question.isDate()) {
        try {
          answers.put(question.id(), LocalDate.parse(value).toString());
        } catch (DateTimeParseException e) {
          answers.put(question.id(), value);
          errors.put(question.field(), "Enter a date as YYYY-MM-DD, for example 2027-06-30");
        }
      } else {
        answers.put(question.id(), value);
      }
    }
    ObjectNode consent = body.putObject("consent");
    consent.put("privacyPolicyVersion", config.privacyPolicyVersion());
    consent.put("accepted", "yes".equals(submission.get("consent.accepted")));
    body.put("source", config.applicationSource());
    ApiAnswer answer =
        gateway.send(
            Call.post("/api/v1/applications")
                .header("Idempotency-Key", submission.idempotencyKey())
                .json(gateway.toJson(body)));
    if (answer.ok() && errors.isEmpty()) {
      return new Submitted(
          UUID.fromString(answer.body().path("id").asText()),
          answer.body().path("accessToken").asText(null),
          Map.of(),
          null);
    }
    Map<String, String> violations = new LinkedHashMap<>(answer.violations());
    violations.putAll(errors);
    return new Submitted(
        null, null, violations, violations.isEmpty() ? answer.problemDetail() : null);
  }

  /** An application as its candidate sees it, read with the access token. */
  @TemplateData
  public record Status(
      UUID id, String stage, String firstName, long version, Role role, String problem) {
    public String stageInWords() {
      return switch (stage == null ? "" : stage) {
        case "SUBMITTED" -> "Received: we will review it soon";
        case "SCREENING" -> "In review";
        case "INTERVIEWING" -> "Interviewing";
        case "OFFERED" -> "Offer made";
        case "HIRED" -> "Hired";
        case "REJECTED" -> "Not progressed";
        case "WITHDRAWN" -> "Withdrawn by you";
        default -> Role.words(stage);
      };
    }

    public boolean withdrawable() {
      return List.of("SUBMITTED", "SCREENING", "INTERVIEWING", "OFFERED").contains(stage);
    }
  }

  public Optional<Status> status(UUID id, String token) {
    ApiAnswer answer =
        gateway.send(Call.get("/api/v1/applications/" + id).header("X-Application-Token", token));
    if (!answer.ok()) {
      return Optional.empty();
    }
    return Optional.of(status(answer.body(), null));
  }

  private Status status(JsonNode app, String problem) {
    UUID roleId = UUID.fromString(app.path("roleId").asText());
    return new Status(
        UUID.fromString(app.path("id").asText()),
        app.path("stage").asText(),
        app.path("candidate").path("firstName").asText(""),
        app.path("version").asLong(),
        role(roleId).orElse(null),
        problem);
  }

  /** Withdraws with the access token; the status afterwards, with the API's refusal if any. */
  public Optional<Status> withdraw(UUID id, String token) {
    ApiAnswer answer =
        gateway.send(
            Call.post("/api/v1/applications/" + id + "/withdraw")
                .header("X-Application-Token", token));
    if (answer.ok()) {
      return Optional.of(status(answer.body(), null));
    }
    return status(id, token)
        .map(
            s ->
                new Status(
                    s.id(),
                    s.stage(),
                    s.firstName(),
                    s.version(),
                    s.role(),
                    answer.problemDetail()));
  }
}
