package dev.ats.webapp.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.qute.TemplateData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A role as the pages show it (the API's {@code Role}, the members a page uses). */
@TemplateData
@JsonIgnoreProperties(ignoreUnknown = true)
public record Role(
    UUID id,
    String title,
    String team,
    String description,
    String location,
    String workplaceType,
    String employmentType,
    Integer durationWeeks,
    int openings,
    int openingsFilled,
    Instant applicationDeadline,
    LocalDate respondBy,
    List<Question> eligibilityRules,
    String status,
    long version,
    Boolean resumeRequired) {

  private static final DateTimeFormatter IN_WORDS =
      DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

  /** "19 December 2026", or null. */
  public String respondByInWords() {
    return respondBy == null ? null : IN_WORDS.format(respondBy);
  }

  /** "Hybrid", "Full time": an enum name for people. */
  public static String words(String name) {
    if (name == null) {
      return "";
    }
    String lower = name.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }

  /** Whether the form must attach a résumé (the API's {@code resumeRequired}, true by default). */
  public boolean resumeNeeded() {
    return !Boolean.FALSE.equals(resumeRequired);
  }

  public String statusInWords() {
    return words(status);
  }

  public String workplace() {
    return words(workplaceType);
  }

  public String employment() {
    return words(employmentType);
  }

  public List<Question> questions() {
    return eligibilityRules == null ? List.of() : eligibilityRules;
  }

  /** One eligibility question; its rule is never shown to candidates (the API leaves it out). */
  @TemplateData
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Question(
      String id, String question, String answerType, List<String> options, Boolean required) {

    public boolean isBoolean() {
      return "BOOLEAN".equals(answerType);
    }

    public boolean isNumber() {
      return "NUMBER".equals(answerType);
    }

    public boolean isDate() {
      return "DATE".equals(answerType);
    }

    public boolean isChoice() {
      return "CHOICE".equals(answerType);
    }

    public boolean mandatory() {
      return required == null || required;
    }

    /** The form field's name and the API's violation field. */
    public String field() {
      return "answers." + id;
    }

    public List<String> choices() {
      return options == null ? List.of() : options;
    }
  }
}
