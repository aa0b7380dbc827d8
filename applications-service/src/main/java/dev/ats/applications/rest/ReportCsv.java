package dev.ats.applications.rest;

import dev.ats.applications.service.reports.FunnelReport;
import dev.ats.applications.service.reports.RespondByReport;
import dev.ats.applications.service.reports.SourcesReport;
import dev.ats.applications.service.reports.TimeToDecisionReport;
import java.util.List;

/**
 * Each report as CSV: one header row, then one row per line of the report, each row ending with the
 * window ({@code roleId}, {@code from}, {@code to}) and {@code computedAt}, so that every row says
 * what it covers.
 */
final class ReportCsv {

  private static final List<String> WINDOW = List.of("roleId", "from", "to", "computedAt");

  private ReportCsv() {}

  static String funnel(FunnelReport report) {
    Csv csv =
        new Csv(
            header(
                "stage",
                "reached",
                "passThroughRate",
                "timed",
                "medianDays",
                "p90Days",
                "applications"));
    for (FunnelReport.StageFigures s : report.stages()) {
      csv.row(
          s.stage(),
          s.reached(),
          s.passThroughRate(),
          s.timed(),
          s.medianDays(),
          s.p90Days(),
          report.applications(),
          report.roleId(),
          report.from(),
          report.to(),
          report.computedAt());
    }
    return csv.toString();
  }

  static String timeToHire(TimeToDecisionReport report) {
    TimeToDecisionReport.Figures f = report.figures();
    return new Csv(
            header(
                "applications",
                "hired",
                "medianDaysToHire",
                "p90DaysToHire",
                "decided",
                "medianDaysToDecision",
                "p90DaysToDecision"))
        .row(
            f.applications(),
            f.hired(),
            f.medianDaysToHire(),
            f.p90DaysToHire(),
            f.decided(),
            f.medianDaysToDecision(),
            f.p90DaysToDecision(),
            report.roleId(),
            report.from(),
            report.to(),
            report.computedAt())
        .toString();
  }

  static String sources(SourcesReport report) {
    Csv csv = new Csv(header("source", "applications", "reachedInterviewing", "offered", "hired"));
    for (SourcesReport.SourceFigures s : report.sources()) {
      csv.row(
          s.source(),
          s.applications(),
          s.reachedInterviewing(),
          s.offered(),
          s.hired(),
          report.roleId(),
          report.from(),
          report.to(),
          report.computedAt());
    }
    return csv.toString();
  }

  /**
   * One {@code role} row per role with its figures, followed by one {@code waiting} row per
   * application of that role still undecided past its respond-by date (applicationId, stage,
   * submittedAt).
   */
  static String respondBy(RespondByReport report) {
    Csv csv =
        new Csv(
            List.of(
                "row",
                "roleId",
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
                "submittedAt",
                "from",
                "to",
                "computedAt"));
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
          null,
          report.from(),
          report.to(),
          report.computedAt());
      for (RespondByReport.Waiting w : r.waiting()) {
        csv.row(
            "waiting",
            r.roleId(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            w.applicationId(),
            w.stage(),
            w.submittedAt(),
            report.from(),
            report.to(),
            report.computedAt());
      }
    }
    return csv.toString();
  }

  private static List<String> header(String... columns) {
    List<String> header = new java.util.ArrayList<>(List.of(columns));
    header.addAll(WINDOW);
    return header;
  }
}
