package dev.ats.notifications.service;

import dev.ats.notifications.domain.NotificationType;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders a message from its Qute templates ({@code templates/mail/<type>.html} and {@code .txt}).
 * Every value comes in as data, never as template text, so a name like {@code {inject:x}} is shown
 * as written; the HTML variant escapes it ({@code <script>} becomes {@code &lt;script&gt;}).
 */
@ApplicationScoped
public class MessageRenderer {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

  private final Engine engine;

  public MessageRenderer(Engine engine) {
    this.engine = engine;
  }

  /** What a message says about one application. */
  public record MessageData(
      String firstName,
      String roleTitle,
      String eligibilityOutcome,
      LocalDate respondBy,
      List<String> reasons) {}

  public record Rendered(String subject, String text, String html) {}

  public Rendered render(NotificationType type, MessageData data) {
    String firstName = blankTo(data.firstName(), "there");
    String roleTitle = blankTo(data.roleTitle(), "the role you applied for");
    String respondBy = data.respondBy() == null ? null : DATE.format(data.respondBy());
    String text = render(type, "txt", data, firstName, roleTitle, respondBy);
    String html = render(type, "html", data, firstName, roleTitle, respondBy);
    return new Rendered(subject(type, oneLine(roleTitle)), text, html);
  }

  private String render(
      NotificationType type,
      String suffix,
      MessageData data,
      String firstName,
      String roleTitle,
      String respondBy) {
    Template template = engine.getTemplate("mail/" + type.template() + "." + suffix);
    if (template == null) {
      throw new IllegalStateException("no template mail/" + type.template() + "." + suffix);
    }
    return template
        .data("firstName", firstName)
        .data("roleTitle", roleTitle)
        .data("outcome", data.eligibilityOutcome())
        .data("respondBy", respondBy)
        .data("reasons", data.reasons() == null ? List.of() : data.reasons())
        .render()
        .strip();
  }

  /** Subjects name the role, never the candidate (so erasure need not touch them). */
  private static String subject(NotificationType type, String roleTitle) {
    return switch (type) {
      case APPLICATION_RECEIVED -> "We received your application for " + roleTitle;
      case MOVING_TO_INTERVIEWS -> "Next step for " + roleTitle + ": interviews";
      case OFFER -> "An offer for " + roleTitle;
      case WELCOME -> "Welcome aboard: " + roleTitle;
      case REJECTION, REJECTION_POSITION_FILLED, REJECTION_INELIGIBLE ->
          "Your application for " + roleTitle;
      case WITHDRAWAL_CONFIRMED -> "Your application for " + roleTitle + " has been withdrawn";
      case STATUS_UPDATE -> "An update on your application for " + roleTitle;
    };
  }

  private static String oneLine(String value) {
    return value.replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  private static String blankTo(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
