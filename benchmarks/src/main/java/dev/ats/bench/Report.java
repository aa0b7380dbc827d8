package dev.ats.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table of ratios against issue 16's goals, and the raw figures behind it. */
final class Report {

  /**
   * One line of the table.
   *
   * @param goal the goal number
   * @param what what was measured
   * @param measured the figure, formatted
   * @param reference what it is compared with, formatted (or "")
   * @param value the compared value (a ratio, or the figure itself)
   * @param target the goal's bound
   * @param atLeast whether value must be at least (else at most) the target
   */
  record Row(
      int goal,
      String what,
      String measured,
      String reference,
      double value,
      double target,
      boolean atLeast) {
    boolean met() {
      return !Double.isNaN(value) && (atLeast ? value >= target : value <= target);
    }
  }

  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Object> raw = new LinkedHashMap<>();

  synchronized void row(
      int goal,
      String what,
      String measured,
      String reference,
      double value,
      double target,
      boolean atLeast) {
    Row row = new Row(goal, what, measured, reference, value, target, atLeast);
    rows.add(row);
    Bench.say(
        String.format(
            Locale.ROOT,
            "%s: %s (%s) -> %s %s %s",
            what,
            measured,
            reference,
            fmt(value),
            atLeast ? ">=" : "<=",
            fmt(target)));
  }

  synchronized void put(String key, Object value) {
    raw.put(key, value);
  }

  Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    List<Map<String, Object>> table = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("goal", r.goal());
      m.put("what", r.what());
      m.put("measured", r.measured());
      m.put("reference", r.reference());
      m.put("value", Double.isNaN(r.value()) ? null : r.value());
      m.put("target", (r.atLeast() ? ">= " : "<= ") + fmt(r.target()));
      m.put("met", r.met());
      table.add(m);
    }
    json.put("table", table);
    json.put("raw", raw);
    return json;
  }

  void print(PrintStream out) {
    out.println();
    out.printf(
        Locale.ROOT,
        "| goal | what | measured | reference | value | goal | met |%n|---|---|---|---|---|---|---|%n");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "| %d | %s | %s | %s | %s | %s %s | %s |%n",
          r.goal(),
          r.what(),
          r.measured(),
          r.reference(),
          fmt(r.value()),
          r.atLeast() ? "≥" : "≤",
          fmt(r.target()),
          r.met() ? "yes" : "NO");
    }
    out.println();
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
