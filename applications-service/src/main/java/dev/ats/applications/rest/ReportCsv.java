package dev.ats.applications.rest;

import dev.ats.applications.service.reports.FunnelReport;
import dev.ats.applications.service.reports.RespondByReport;
import dev.ats.applications.service.reports.SourcesReport;
import dev.ats.applications.service.reports.TimeToDecisionReport;
import dev.ats.applications.service.reports.Window;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Each report as CSV: one header row, then one row per line of the report, each row ending with the
 * window ({@code roleId}, {@code from}, {@code to}) and {@code computedAt}, so that every row says
 * what it covers.
 */
final class ReportCsv {

  private final Csv csv;
  private final Window window;
  private final Instant computedAt;

  private ReportCsv(Window window, Instant computedAt, String... columns) {
    List<String> header = new ArrayList<>(Arrays.asList(columns));
    header.addAll(List.of("roleId", "from", "to", "computedAt"));
    this.csv = new Csv(header);
    this.window = window;
    this.computedAt = computedAt;
  }

  private ReportCsv row(Object... fields) {
    List<Object> row = new ArrayList<>(Arrays.asList(fields));
    row.addAll(Arrays.asList(window.roleId(), window.from(), window.to(), computedAt));
    csv.row(row.toArray());
    return this;
  }

  @Override
  public String toString() {
    return csv.toString();
  }

  static String funnel(FunnelReport report) {
    ReportCsv csv =
        new ReportCsv(
            report.window(),
            report.computedAt(),
            "stage",
            "reached",
            "passThroughRate",
            "timed",
            "medianDays",
            "p90Days",
            "applications");
    report
        .stages()
        .forEach(
            s ->
                csv.row(
                    s.stage(),
                    s.reached(),
                    s.passThroughRate(),
                    s.timed(),
                    s.medianDays(),
                    s.p90Days(),
                    report.applications()));
    return csv.toString();
  }

  static String timeToHire(TimeToDecisionReport report) {
    TimeToDecisionReport.Figures f = report.figures();
    return new ReportCsv(
            report.window(),
            report.computedAt(),
            "applications",
            "hired",
            "medianDaysToHire",
            "p90DaysToHire",
            "decided",
            "medianDaysToDecision",
            "p90DaysToDecision")
        .row(
            f.applications(),
            f.hired(),
            f.medianDaysToHire(),
            f.p90DaysToHire(),
            f.decided(),
            f.medianDaysToDecision(),
            f.p90DaysToDecision())
        .toString();
  }

  static String sources(SourcesReport report) {
    ReportCsv csv =
        new ReportCsv(
            report.window(),
            report.computedAt(),
            "source",
            "applications",
            "reachedInterviewing",
            "offered",
            "hired");
    report
        .sources()
        .forEach(
            s ->
                csv.row(
                    s.source(), s.applications(), s.reachedInterviewing(), s.offered(), s.hired()));
    return csv.toString();
  }

  /**
   * A {@code role} row per role with its figures, followed by a {@code waiting} row per application
   * of that role still undecided past its respond-by date (applicationId, stage, submittedAt). The
   * role of a row is in {@code role}; {@code roleId} is the window's.
   */
  static String respondBy(RespondByReport report) {
    ReportCsv csv =
        new ReportCsv(
            report.window(),
            report.computedAt(),
            "row",
            "role",
            "title",
            "respondBy",
            "respondByPassed",
            "applications",
            "due",
            "decided",
            "decidedShare",
            "progressed",
            "progressedShare",
            "waitingCount",
            "applicationId",
            "stage",
            "submittedAt");
    for (RespondByReport.RoleCompliance r : report.roles()) {
      csv.row(
          "role",
          r.roleId(),
          r.title(),
          r.respondBy(),
          r.respondByPassed(),
          r.applications(),
          r.due(),
          r.decided(),
          r.decidedShare(),
          r.progressed(),
          r.progressedShare(),
          r.waitingCount(),
          null,
          null,
          null);
      for (RespondByReport.Waiting w : r.waiting()) {
        Object[] row = new Object[15];
        row[0] = "waiting";
        row[1] = r.roleId();
        row[12] = w.applicationId();
        row[13] = w.stage();
        row[14] = w.submittedAt();
        csv.row(row);
      }
    }
    return csv.toString();
  }
}
