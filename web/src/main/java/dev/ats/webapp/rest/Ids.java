package dev.ats.webapp.rest;

import io.quarkus.qute.TemplateExtension;

/** HTML ids of form fields: {@code candidate.email} → {@code f-candidate-email}. */
public final class Ids {

  private Ids() {}

  public static String of(String field) {
    return "f-" + field.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  /** {@code {'candidate.email'.fieldId}} in templates. */
  @TemplateExtension(namespace = "id")
  static String field(String field) {
    return of(field);
  }
}
