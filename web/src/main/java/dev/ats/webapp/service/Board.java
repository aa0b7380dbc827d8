package dev.ats.webapp.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ats.webapp.service.Gateway.Call;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the recruiter board asks of the API, always with the signed-in user's token. */
@ApplicationScoped
public class Board {

  /** The stages with a column, in pipeline order. */
  public static final List<String> ACTIVE =
      List.of("SUBMITTED", "SCREENING", "INTERVIEWING", "OFFERED");

  /** The final stages, shown as counts. */
  public static final List<String> FINAL = List.of("HIRED", "REJECTED", "WITHDRAWN");

  private static final int MAX_PAGES = 10;

  private final Gateway gateway;

  public Board(Gateway gateway) {
    this.gateway = gateway;
  }

  /** The API refused the user's token (expired, revoked): they must sign in again. */
  public static final class SignInAgain extends RuntimeException {
    public SignInAgain() {
      super("sign in again", null, false, false);
    }
  }

  @TemplateData
  public record RoleLine(Role role, long applications, long undecided, boolean respondByPassed) {}

  public List<RoleLine> roles(SignedIn user) {
    ApiAnswer answer = send(user, Call.get("/api/v1/roles?limit=100"));
    List<RoleLine> lines = new ArrayList<>();
    for (JsonNode item : answer.body().path("items")) {
      Role role = gateway.read(item, Role.class);
      JsonNode pipeline = send(user, Call.get("/api/v1/roles/" + role.id() + "/pipeline")).body();
      lines.add(
          new RoleLine(
              role,
              pipeline.path("applications").asLong(),
              pipeline.path("undecided").asLong(),
              pipeline.path("respondByPassed").asBoolean()));
    }
    return lines;
  }

  @TemplateData
  public record Card(
      UUID id,
      String name,
      String stage,
      String eligibility,
      long version,
      long daysWaiting,
      String warning,
      List<String> moves) {

    public String eligibilityInWords() {
      return Role.words(eligibility);
    }

    public String stageInWords() {
      return Role.words(stage);
    }

    public String forwardInWords() {
      return forward() == null ? null : Role.words(forward()).toLowerCase(java.util.Locale.ROOT);
    }

    /** The next stage forward, if any (the card's main button). */
    public String forward() {
      return moves.stream().filter(m -> !m.equals("REJECTED")).findFirst().orElse(null);
    }

    public boolean canReject() {
      return moves.contains("REJECTED");
    }
  }

  @TemplateData
  public record Column(String stage, String title, List<Card> cards) {}

  @TemplateData
  public record FinalCount(String stage, String title, long count) {}

  @TemplateData
  public record BoardView(Role role, List<Column> columns, List<FinalCount> finals) {}

  public Optional<BoardView> board(UUID roleId, SignedIn user) {
    ApiAnswer roleAnswer = send(user, Call.get("/api/v1/roles/" + roleId));
    if (!roleAnswer.ok()) {
      return Optional.empty();
    }
    Role role = gateway.read(roleAnswer.body(), Role.class);
    Map<String, List<Card>> byStage = new LinkedHashMap<>();
    ACTIVE.forEach(s -> byStage.put(s, new ArrayList<>()));
    Map<String, Long> finals = new LinkedHashMap<>();
    FINAL.forEach(s -> finals.put(s, 0L));
    String cursor = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("roleId", roleId.toString());
      query.put("limit", "100");
      query.put("cursor", cursor);
      JsonNode body = send(user, Call.get("/api/v1/applications" + Gateway.query(query))).body();
      for (JsonNode app : body.path("items")) {
        String stage = app.path("stage").asText();
        if (byStage.containsKey(stage)) {
          byStage.get(stage).add(card(app, role));
        } else {
          finals.merge(stage, 1L, Long::sum);
        }
      }
      JsonNode next = body.path("nextCursor");
      if (!next.isTextual()) {
        break;
      }
      cursor = next.asText();
    }
    List<Column> columns =
        byStage.entrySet().stream()
            .map(e -> new Column(e.getKey(), Role.words(e.getKey()), e.getValue()))
            .toList();
    List<FinalCount> counts =
        finals.entrySet().stream()
            .map(e -> new FinalCount(e.getKey(), Role.words(e.getKey()), e.getValue()))
            .toList();
    return Optional.of(new BoardView(role, columns, counts));
  }

  /** One card, as the board shows it, of an application the API gave. */
  Card card(JsonNode app, Role role) {
    String stage = app.path("stage").asText();
    Instant updated = Instant.parse(app.path("updatedAt").asText(app.path("submittedAt").asText()));
    long days = Duration.between(updated, Instant.now()).toDays();
    String warning = null;
    if (role != null && role.respondBy() != null) {
      long left = ChronoUnit.DAYS.between(LocalDate.now(ZoneOffset.UTC), role.respondBy());
      if (left < 0) {
        warning = "Respond-by date passed " + (-left) + (left == -1 ? " day ago" : " days ago");
      } else if (left <= 3) {
        warning = "Respond by " + role.respondByInWords();
      }
    }
    JsonNode candidate = app.path("candidate");
    String name =
        (candidate.path("firstName").asText("") + " " + candidate.path("lastName").asText(""))
            .trim();
    return new Card(
        UUID.fromString(app.path("id").asText()),
        name.isEmpty() ? "(erased)" : name,
        stage,
        app.path("eligibility").path("outcome").asText(),
        app.path("version").asLong(),
        days,
        warning,
        moves(stage));
  }

  static List<String> moves(String stage) {
    return switch (stage) {
      case "SUBMITTED" -> List.of("SCREENING", "REJECTED");
      case "SCREENING" -> List.of("INTERVIEWING", "REJECTED");
      case "INTERVIEWING" -> List.of("OFFERED", "REJECTED");
      case "OFFERED" -> List.of("HIRED", "REJECTED");
      default -> List.of();
    };
  }

  /** The outcome of moving a card: the card now, and what happened if the move was refused. */
  @TemplateData
  public record Moved(Card card, String problem, int status) {
    public boolean refused() {
      return problem != null;
    }
  }

  /**
   * Moves an application with {@code If-Match}: a stale version (412) or a move its stage no longer
   * allows (409) is never retried or forced; the card is read again and the refusal shown.
   */
  public Moved move(UUID id, long version, String to, String reason, SignedIn user) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("to", to);
    if ("REJECTED".equals(to)) {
      body.put("reason", reason == null || reason.isBlank() ? "NOT_A_FIT" : reason);
    }
    ApiAnswer answer =
        send(
            user,
            Call.post("/api/v1/applications/" + id + "/transitions")
                .header("If-Match", "\"" + version + "\"")
                .json(gateway.toJson(body)));
    if (answer.ok()) {
      return new Moved(card(answer.body(), roleOf(answer.body(), user)), null, answer.status());
    }
    ApiAnswer now = send(user, Call.get("/api/v1/applications/" + id));
    Card card = now.ok() ? card(now.body(), roleOf(now.body(), user)) : null;
    String problem =
        switch (answer.status()) {
          case 412 ->
              "Someone else changed this application first"
                  + (card != null ? " (it is now " + Role.words(card.stage()) + ")" : "")
                  + ". Nothing was overwritten; check it and try again.";
          case 409 -> "This move is no longer possible: " + answer.problemDetail();
          default -> answer.problemDetail();
        };
    return new Moved(card, problem, answer.status());
  }

  private Role roleOf(JsonNode app, SignedIn user) {
    ApiAnswer role = send(user, Call.get("/api/v1/roles/" + app.path("roleId").asText()));
    return role.ok() ? gateway.read(role.body(), Role.class) : null;
  }

  @TemplateData
  public record Line(String label, String value) {}

  /** A document of an application, as the board lists it (its bytes through {@link #document}). */
  @TemplateData
  public record Doc(UUID id, String kind, String fileName, String contentType, long sizeBytes) {
    public String kindInWords() {
      return Role.words(kind);
    }

    public String typeInWords() {
      return Documents.typeInWords(contentType);
    }

    public String sizeInWords() {
      return Documents.sizeInWords(sizeBytes);
    }
  }

  @TemplateData
  public record Detail(
      UUID id,
      String name,
      String email,
      String stage,
      long version,
      String eligibility,
      Role role,
      List<Line> answers,
      List<Line> explanations,
      List<Line> history,
      List<Line> notes,
      List<Line> evaluations,
      List<Doc> documents,
      Card card) {}

  public Optional<Detail> application(UUID id, SignedIn user) {
    ApiAnswer answer = send(user, Call.get("/api/v1/applications/" + id));
    if (!answer.ok()) {
      return Optional.empty();
    }
    JsonNode app = answer.body();
    Role role = roleOf(app, user);
    Map<String, String> questions = new LinkedHashMap<>();
    if (role != null) {
      role.questions().forEach(q -> questions.put(q.id(), q.question()));
    }
    List<Line> answers = new ArrayList<>();
    app.path("answers")
        .fields()
        .forEachRemaining(
            e ->
                answers.add(
                    new Line(
                        questions.getOrDefault(e.getKey(), e.getKey()),
                        e.getValue().isBoolean()
                            ? (e.getValue().asBoolean() ? "Yes" : "No")
                            : e.getValue().asText())));
    List<Line> explanations = new ArrayList<>();
    for (JsonNode rule : app.path("eligibility").path("rules")) {
      explanations.add(
          new Line(
              (rule.path("passed").asBoolean() ? "Passed: " : "Failed: ")
                  + questions.getOrDefault(
                      rule.path("ruleId").asText(), rule.path("ruleId").asText()),
              rule.path("explanation").asText("")));
    }
    List<Line> history = new ArrayList<>();
    for (JsonNode h :
        send(user, Call.get("/api/v1/applications/" + id + "/history")).body().path("items")) {
      history.add(
          new Line(
              h.path("changedAt").asText() + " · " + h.path("actor").asText(""),
              (h.path("from").isTextual() ? Role.words(h.path("from").asText()) + " → " : "")
                  + Role.words(h.path("to").asText())
                  + (h.path("reason").isTextual() ? " (" + h.path("reason").asText() + ")" : "")));
    }
    List<Line> notes = new ArrayList<>();
    for (JsonNode n :
        send(user, Call.get("/api/v1/applications/" + id + "/notes")).body().path("items")) {
      notes.add(
          new Line(
              n.path("author").asText() + " · " + n.path("createdAt").asText(),
              n.path("body").asText()));
    }
    List<Line> evaluations = new ArrayList<>();
    for (JsonNode e :
        send(user, Call.get("/api/v1/applications/" + id + "/evaluations")).body().path("items")) {
      evaluations.add(
          new Line(
              e.path("author").asText() + " · rating " + e.path("overallRating").asInt() + " of 4",
              e.path("comments").asText("")));
    }
    List<Doc> documents = new ArrayList<>();
    JsonNode docs = send(user, Call.get("/api/v1/applications/" + id + "/documents")).body();
    for (JsonNode d : docs.isArray() ? docs : JsonNodeFactory.instance.arrayNode()) {
      documents.add(
          new Doc(
              UUID.fromString(d.path("id").asText()),
              d.path("kind").asText(),
              d.path("fileName").asText(""),
              d.path("contentType").asText(""),
              d.path("sizeBytes").asLong()));
    }
    JsonNode candidate = app.path("candidate");
    return Optional.of(
        new Detail(
            id,
            (candidate.path("firstName").asText("") + " " + candidate.path("lastName").asText(""))
                .trim(),
            candidate.path("email").asText(""),
            app.path("stage").asText(),
            app.path("version").asLong(),
            app.path("eligibility").path("outcome").asText(),
            role,
            answers,
            explanations,
            history,
            notes,
            evaluations,
            documents,
            card(app, role)));
  }

  /** A document's bytes, read with the user's token (the API's headers kept by the caller). */
  public Gateway.Download document(UUID applicationId, UUID documentId, SignedIn user) {
    Gateway.Download download =
        gateway.download(
            Call.get("/api/v1/applications/" + applicationId + "/documents/" + documentId)
                .bearer(user.token()));
    if (download.status() == 401) {
      try {
        download.body().close(); // releases the connection
      } catch (java.io.IOException e) {
        // nothing more to release
      }
      throw new SignInAgain();
    }
    return download;
  }

  /** Adds a note; the API's problem detail if refused. */
  public Optional<String> addNote(UUID id, String text, SignedIn user) {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("body", text);
    ApiAnswer answer =
        send(user, Call.post("/api/v1/applications/" + id + "/notes").json(gateway.toJson(body)));
    return answer.ok() ? Optional.empty() : Optional.of(answer.problemDetail());
  }

  /** Adds an evaluation (overall rating 1–4 and comments); the API's problem if refused. */
  public Optional<String> addEvaluation(UUID id, String rating, String comments, SignedIn user) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    try {
      body.put("overallRating", Integer.parseInt(rating == null ? "" : rating.trim()));
    } catch (NumberFormatException e) {
      return Optional.of("Choose an overall rating from 1 to 4");
    }
    if (comments != null && !comments.isBlank()) {
      body.put("comments", comments);
    }
    ApiAnswer answer =
        send(
            user,
            Call.post("/api/v1/applications/" + id + "/evaluations").json(gateway.toJson(body)));
    return answer.ok() ? Optional.empty() : Optional.of(answer.problemDetail());
  }

  private ApiAnswer send(SignedIn user, Call call) {
    ApiAnswer answer = gateway.send(call.bearer(user.token()));
    if (answer.status() == 401) {
      throw new SignInAgain();
    }
    return answer;
  }
}
