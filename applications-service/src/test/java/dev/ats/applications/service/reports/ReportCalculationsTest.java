package dev.ats.applications.service.reports;

import static dev.ats.applications.service.reports.ReportDataSet.R1;
import static dev.ats.applications.service.reports.ReportDataSet.R2;
import static dev.ats.applications.service.reports.ReportDataSet.app;
import static dev.ats.applications.service.reports.ReportDataSet.day;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.applications.domain.ApplicationTrack;
import dev.ats.applications.domain.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report figures of {@link ReportDataSet}, computed by hand (no Quarkus, no database). */
class ReportCalculationsTest {

  @Test
  void shouldInterpolatePercentilesLikePostgresPercentileCont() {
    assertThat(Percentiles.of(List.of(1.0, 2.0, 3.0, 10.0), 0.5)).isEqualTo(2.5);
    assertThat(Percentiles.of(List.of(10.0, 1.0, 3.0, 2.0), 0.9)).isEqualTo(7.9, within());
    assertThat(Percentiles.of(List.of(4.0), 0.9)).isEqualTo(4.0);
    assertThat(Percentiles.of(List.of(), 0.5)).isNull();
    assertThat(Percentiles.share(2, 3)).isEqualTo(0.6667);
    assertThat(Percentiles.share(1, 0)).isNull();
  }

  @Test
  void shouldCountWhoReachedEachStageCountingASkippedStageAsPassedThrough() {
    List<FunnelReport.StageFigures> funnel = ReportCalculations.funnel(ReportDataSet.tracks());

    // reached: SUBMITTED all 7; SCREENING a1 a2 a3 a6 (skipped it) a7; INTERVIEWING a1 a3 a6;
    // OFFERED and HIRED a1.
    assertThat(funnel.stream().map(FunnelReport.StageFigures::stage))
        .containsExactly(
            Stage.SUBMITTED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFERED, Stage.HIRED);
    assertThat(funnel.stream().map(FunnelReport.StageFigures::reached))
        .containsExactly(7, 5, 3, 1, 1);
    assertThat(funnel.stream().map(FunnelReport.StageFigures::passThroughRate))
        .containsExactly(0.7143, 0.6, 0.3333, 1.0, null);
  }

  @Test
  void shouldTimeEachStageOnlyForTheApplicationsThatEnteredAndLeftIt() {
    List<FunnelReport.StageFigures> funnel = ReportCalculations.funnel(ReportDataSet.tracks());

    // SUBMITTED: a1 2, a2 1, a3 2, a4 0 (ineligible), a6 4, a7 2; a5 is still there.
    // sorted 0 1 2 2 2 4: median (rank 2.5) 2, p90 (rank 4.5) 2 + 0.5 * 2 = 3.
    assertThat(funnel.get(0)).isEqualTo(stage(Stage.SUBMITTED, 7, 0.7143, 6, 2.0, 3.0));
    // SCREENING: a1 3, a2 3, a3 1, a7 26: sorted 1 3 3 26, median 3, p90 (rank 2.7) 3 + 0.7 * 23.
    assertThat(funnel.get(1)).isEqualTo(stage(Stage.SCREENING, 5, 0.6, 4, 3.0, 19.1));
    // INTERVIEWING: a1 4, a3 4 (withdrawn); a6 is still there.
    assertThat(funnel.get(2)).isEqualTo(stage(Stage.INTERVIEWING, 3, 0.3333, 2, 4.0, 4.0));
    assertThat(funnel.get(3)).isEqualTo(stage(Stage.OFFERED, 1, 1.0, 1, 1.0, 1.0));
    assertThat(funnel.get(4)).isEqualTo(stage(Stage.HIRED, 1, null, 0, null, null));
  }

  @Test
  void shouldMeasureDaysToHireAndToAnyDecisionIncludingAWithdrawal() {
    TimeToDecisionReport.Figures figures =
        ReportCalculations.timeToDecision(ReportDataSet.tracks());

    // To hire: a1, 10 days. To decision: a1 10, a2 4, a3 7 (withdrawn), a4 0, a7 28:
    // sorted 0 4 7 10 28, median 7, p90 (rank 3.6) 10 + 0.6 * 18 = 20.8.
    assertThat(figures).isEqualTo(new TimeToDecisionReport.Figures(7, 1, 10.0, 10.0, 5, 7.0, 20.8));
  }

  @Test
  void shouldCountEachSourcesApplicationsAndHowFarTheyGot() {
    assertThat(ReportCalculations.sources(ReportDataSet.tracks()))
        .containsExactly(
            new SourcesReport.SourceFigures("job-board", 4, 2, 1, 1),
            new SourcesReport.SourceFigures("referral", 2, 1, 0, 0),
            new SourcesReport.SourceFigures(null, 1, 0, 0, 0));
  }

  @Test
  void shouldMeasureTheRespondByPromiseAndListWhoIsStillWaiting() {
    List<RespondByReport.RoleCompliance> roles =
        ReportCalculations.respondBy(
            ReportDataSet.tracks(), ReportDataSet.roles(), ReportDataSet.NOW);

    // R1 (ends d19): 6 due; decided by then a1 a2 a3 a4; progressed also a6; waiting a5, a6.
    // R2 (ends d30): a7 moved to SCREENING on d5 but was rejected only on d31.
    assertThat(roles)
        .containsExactly(
            new RespondByReport.RoleCompliance(
                R1,
                "Software Engineer - Intern",
                "2025-11-21",
                true,
                6,
                6,
                4,
                0.6667,
                5,
                0.8333,
                2,
                List.of(
                    new RespondByReport.Waiting(app(5), Stage.SUBMITTED, day(2)),
                    new RespondByReport.Waiting(app(6), Stage.INTERVIEWING, day(2)))),
            new RespondByReport.RoleCompliance(
                R2,
                "Data Analyst, Intern",
                "2025-12-02",
                true,
                1,
                1,
                0,
                0.0,
                1,
                1.0,
                0,
                List.of()));
  }

  @Test
  void shouldListTheLongestWaitingUpToTheLimitAndCountThemAll() {
    RespondByReport.RoleCompliance r1 =
        ReportCalculations.respondBy(
                ReportDataSet.tracks(), ReportDataSet.roles(), ReportDataSet.NOW, 1)
            .get(0);
    assertThat(r1.waitingCount()).isEqualTo(2);
    assertThat(r1.waiting())
        .containsExactly(new RespondByReport.Waiting(app(5), Stage.SUBMITTED, day(2)));
  }

  @Test
  void shouldListNobodyAsWaitingBeforeTheRespondByDayIsOver() {
    List<RespondByReport.RoleCompliance> roles =
        ReportCalculations.respondBy(ReportDataSet.tracks(), ReportDataSet.roles(), day(18));
    RespondByReport.RoleCompliance r1 = roles.get(0);
    assertThat(r1.respondByPassed()).isFalse();
    assertThat(r1.waiting()).isEmpty();
    assertThat(r1.decided()).isEqualTo(4);
  }

  @Test
  void shouldLeaveApplicationsSubmittedAfterTheRespondByDayOutOfItsPromise() {
    ApplicationTrack late =
        new ApplicationTrack(
            app(8),
            R1,
            "job-board",
            day(20),
            Stage.SUBMITTED,
            List.of(new ApplicationTrack.Step(null, Stage.SUBMITTED, day(20))));
    List<ApplicationTrack> tracks = new java.util.ArrayList<>(ReportDataSet.tracks());
    tracks.add(late);
    RespondByReport.RoleCompliance r1 =
        ReportCalculations.respondBy(tracks, ReportDataSet.roles(), ReportDataSet.NOW).get(0);
    assertThat(r1.applications()).isEqualTo(7);
    assertThat(r1.due()).isEqualTo(6);
    assertThat(r1.waitingCount()).isEqualTo(3);
  }

  @Test
  void shouldHaveNoPromiseForARoleWithoutRespondBy() {
    RespondByReport.RoleCompliance r1 =
        ReportCalculations.respondBy(ReportDataSet.tracks(), Map.of(), ReportDataSet.NOW).get(0);
    assertThat(r1.respondBy()).isNull();
    assertThat(r1.respondByPassed()).isFalse();
    assertThat(r1.due()).isZero();
    assertThat(r1.decidedShare()).isNull();
    assertThat(r1.waiting()).isEmpty();
  }

  @Test
  void shouldReadARespondByDateAsThroughThatDayUtc() {
    assertThat(ReportCalculations.respondByEnd("2026-12-01"))
        .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    assertThat(ReportCalculations.respondByEnd("2026-12-01T17:00:00+01:00"))
        .isEqualTo(Instant.parse("2026-12-01T16:00:00Z"));
    assertThat(ReportCalculations.respondByEnd("soon")).isNull();
    assertThat(ReportCalculations.respondByEnd(null)).isNull();
  }

  private static FunnelReport.StageFigures stage(
      Stage stage, int reached, Double passThrough, int timed, Double median, Double p90) {
    return new FunnelReport.StageFigures(stage, reached, passThrough, timed, median, p90);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
