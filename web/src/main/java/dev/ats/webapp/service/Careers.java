package dev.ats.webapp.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ats.webapp.config.WebConfig;
import dev.ats.webapp.service.Gateway.Call;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.nio.file.Path;
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
  private static final String CHOOSE_RESUME =
      "Choose your résumé: a PDF, DOCX, ODT, TXT or RTF file, up to 10 MB";

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

  /** A file the candidate chose, spooled to disk by the web server (streamed on from there). */
  public record Attachment(Path file, String fileName, String contentType) {}

  /**
   * A résumé uploaded to the API already: re-used through hidden fields when the form is shown
   * again after errors, so the candidate need not choose it again.
   */
  @TemplateData
  public record Uploaded(
      String id, String uploadToken, String fileName, String contentType, long sizeBytes) {

    /** "PDF", "DOCX": the type for people. */
    public String typeInWords() {
      return Documents.typeInWords(contentType);
    }

    public String sizeInWords() {
      return Documents.sizeInWords(sizeBytes);
    }
  }

  /**
   * What a candidate typed, by form field name ({@code candidate.email}, {@code answers.x}), and
   * the résumé file they chose (or null).
   */
  public record Submission(Map<String, String> fields, String idempotencyKey, Attachment resume) {

    public Submission(Map<String, String> fields, String idempotencyKey) {
      this(fields, idempotencyKey, null);
    }

    public String get(String name) {
      String value = fields.get(name);
      return value == null ? "" : value.trim();
    }
  }

  /** The outcome of a submission: the application (with its access token once) or the errors. */
  @TemplateData
  public record Submitted(
      UUID applicationId,
      String accessToken,
      Map<String, String> errors,
      String problem,
      Uploaded resume) {
    public boolean accepted() {
      return applicationId != null;
    }
  }

  /** The résumé field's message when the API refused the file; the file must be chosen again. */
  static String uploadProblem(ApiAnswer answer) {
    return switch (answer.status()) {
      case 415 -> "The résumé must be a PDF, DOCX, ODT, TXT or RTF file. Choose the file again.";
      case 413 -> "The résumé must be 10 MB or smaller. Choose a smaller file.";
      case 400 -> "The selected file is empty. Choose the file again.";
      default ->
          "The résumé could not be uploaded ("
              + answer.problemDetail()
              + "). Choose the file again.";
    };
  }

  /** Uploads the chosen file, or takes the one uploaded before (hidden fields), or none. */
  private Optional<Uploaded> resume(Submission submission, Map<String, String> errors) {
    Attachment file = submission.resume();
    if (file != null) {
      ApiAnswer answer;
      try {
        answer =
            gateway.send(
                Call.post("/api/v1/documents")
                    .multipartFile("file", file.file(), file.fileName(), file.contentType()));
      } catch (java.io.IOException e) {
        answer = ApiAnswer.failed(400, "unreadable upload");
      }
      if (!answer.ok()) {
        errors.put("documents", uploadProblem(answer));
        return Optional.empty();
      }
      JsonNode up = answer.body();
      return Optional.of(
          new Uploaded(
              up.path("id").asText(),
              up.path("uploadToken").asText(),
              up.path("fileName").asText(file.fileName()),
              up.path("contentType").asText(""),
              up.path("sizeBytes").asLong()));
    }
    String id = submission.get("resume.id");
    String token = submission.get("resume.uploadToken");
    if (id.isEmpty() || token.isEmpty()) {
      return Optional.empty();
    }
    long size;
    try {
      size = Long.parseLong(submission.get("resume.sizeBytes"));
    } catch (NumberFormatException e) {
      size = 0;
    }
    return Optional.of(
        new Uploaded(
            id,
            token,
            submission.get("resume.fileName"),
            submission.get("resume.contentType"),
            size));
  }

  public Submitted submit(Role role, Submission submission) {
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<Uploaded> resume = resume(submission, errors);
    if (errors.containsKey("documents")) {
      // Not sent without the file the candidate chose: the rest of the form is kept.
      return new Submitted(null, null, errors, null, null);
    }
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
    resume.ifPresent(
        r ->
            body.putArray("documents")
                .addObject()
                .put("id", r.id())
                .put("uploadToken", r.uploadToken())
                .put("kind", "RESUME"));
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
          null,
          resume.orElse(null));
    }
    Map<String, String> violations = new LinkedHashMap<>();
    boolean resumeRefused = false;
    for (Map.Entry<String, String> v : answer.violations().entrySet()) {
      if (v.getKey().startsWith("documents[")) {
        // The upload itself was refused (expired, claimed): it cannot be re-used.
        resumeRefused = true;
        violations.putIfAbsent(
            "documents", "The résumé upload has expired. Choose the file again.");
      } else if (v.getKey().equals("documents") && resume.isEmpty()) {
        violations.put("documents", CHOOSE_RESUME);
      } else {
        violations.putIfAbsent(v.getKey(), v.getValue());
      }
    }
    if (role.resumeNeeded() && resume.isEmpty()) {
      // The API checks the documents after the fields: say it now, with the other problems.
      violations.put("documents", CHOOSE_RESUME);
    }
    violations.putAll(errors);
    return new Submitted(
        null,
        null,
        violations,
        violations.isEmpty() ? answer.problemDetail() : null,
        resumeRefused ? null : resume.orElse(null));
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
