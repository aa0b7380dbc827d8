package dev.ats.applications.rest;

import java.util.List;

/**
 * CSV as RFC 4180 writes it: a header row, CRLF after every row, a field quoted (its quotes
 * doubled) when it holds a comma, a quote, CR or LF; null is an empty field. Served as UTF-8.
 */
final class Csv {

  static final String MEDIA_TYPE = "text/csv";
  static final String CONTENT_TYPE = "text/csv; charset=UTF-8; header=present";

  private final StringBuilder text = new StringBuilder();

  Csv(List<String> header) {
    row(header.toArray());
  }

  Csv row(Object... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(field(fields[i]));
    }
    text.append("\r\n");
    return this;
  }

  static String field(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    if (s.contains(",") || s.contains("\"") || s.contains("\r") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
