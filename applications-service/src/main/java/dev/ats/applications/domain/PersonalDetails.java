package dev.ats.applications.domain;

import java.time.LocalDate;
import java.util.List;

/**
 * A candidate's personal details, as given with a submission and as kept (all null once erased).
 * The optional ones (phone, school, degree, graduation date, links) may be null.
 */
public record PersonalDetails(
    String email,
    String firstName,
    String lastName,
    String phone,
    String school,
    String degree,
    LocalDate graduationDate,
    List<String> links) {

  /** These details with the email and names trimmed, as they are kept. */
  public PersonalDetails trimmed() {
    return new PersonalDetails(
        email.trim(),
        firstName.trim(),
        lastName.trim(),
        phone,
        school,
        degree,
        graduationDate,
        links);
  }
}
