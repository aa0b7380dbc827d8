package dev.ats.applications.service.reports;

import dev.ats.applications.domain.ApplicationTrack;
import dev.ats.applications.domain.ApplicationTrack.Step;
import dev.ats.applications.domain.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fixed data set whose report figures the tests compute by hand (see ReportCalculationsTest):
 * seven applications to two roles, day n meaning T0 + n days.
 *
 * <pre>
 * a1 R1 job-board  SUBMITTED d0, SCREENING d2, INTERVIEWING d5, OFFERED d9, HIRED d10
 * a2 R1 job-board  SUBMITTED d0, SCREENING d1, REJECTED d4
 * a3 R1 referral   SUBMITTED d1, SCREENING d3, INTERVIEWING d4, WITHDRAWN d8 (candidate erased)
 * a4 R1 referral   SUBMITTED d1, REJECTED d1 (ineligible at submission)
 * a5 R1 (none)     SUBMITTED d2 (never moved; NEEDS_REVIEW)
 * a6 R1 job-board  SUBMITTED d2, INTERVIEWING d6 (SCREENING skipped)
 * a7 R2 job-board  SUBMITTED d3, SCREENING d5, REJECTED d31 (after R2's respond-by)
 * </pre>
 *
 * R1 responds by 2025-11-21 (its promise ends at d19), R2 by 2025-12-02 (ends at d30).
 */
public final class ReportDataSet {

  public static final Instant T0 = Instant.parse("2025-11-03T00:00:00Z");
  public static final UUID R1 = UUID.fromString("10000000-0000-0000-0000-000000000001");
  public static final UUID R2 = UUID.fromString("10000000-0000-0000-0000-000000000002");
  public static final String R1_RESPOND_BY = "2025-11-21";
  public static final String R2_RESPOND_BY = "2025-12-02";

  /** The time the respond-by report is computed at in the unit test: d35. */
  public static final Instant NOW = day(35);

  private ReportDataSet() {}

  public static UUID app(int n) {
    return UUID.fromString(String.format("20000000-0000-0000-0000-%012d", n));
  }

  public static Instant day(int n) {
    return T0.plus(Duration.ofDays(n));
  }

  public static List<ApplicationTrack> tracks() {
    List<ApplicationTrack> tracks = new ArrayList<>();
    tracks.add(
        track(
            1,
            R1,
            "job-board",
            Stage.HIRED,
            0,
            Stage.SCREENING,
            2,
            Stage.INTERVIEWING,
            5,
            Stage.OFFERED,
            9,
            Stage.HIRED,
            10));
    tracks.add(track(2, R1, "job-board", Stage.REJECTED, 0, Stage.SCREENING, 1, Stage.REJECTED, 4));
    tracks.add(
        track(
            3,
            R1,
            "referral",
            Stage.WITHDRAWN,
            1,
            Stage.SCREENING,
            3,
            Stage.INTERVIEWING,
            4,
            Stage.WITHDRAWN,
            8));
    tracks.add(track(4, R1, "referral", Stage.REJECTED, 1, Stage.REJECTED, 1));
    tracks.add(track(5, R1, null, Stage.SUBMITTED, 2));
    tracks.add(track(6, R1, "job-board", Stage.INTERVIEWING, 2, Stage.INTERVIEWING, 6));
    tracks.add(
        track(7, R2, "job-board", Stage.REJECTED, 3, Stage.SCREENING, 5, Stage.REJECTED, 31));
    return tracks;
  }

  /**
   * The eligibility outcome of each application (a4 INELIGIBLE, a5 NEEDS_REVIEW, else ELIGIBLE).
   */
  public static final Map<Integer, String> ELIGIBILITY = Map.of(4, "INELIGIBLE", 5, "NEEDS_REVIEW");

  /** The rejection reason of the rejected ones. */
  public static final Map<Integer, String> REJECTION =
      Map.of(2, "NOT_A_FIT", 4, "INELIGIBLE", 7, "POSITION_FILLED");

  public static Map<UUID, ReportCalculations.RoleInfo> roles() {
    return Map.of(
        R1, new ReportCalculations.RoleInfo("Software Engineer - Intern", R1_RESPOND_BY),
        R2, new ReportCalculations.RoleInfo("Data Analyst, Intern", R2_RESPOND_BY));
  }

  /** {@code stagesAndDays}: the submission day, then (stage, day) pairs. */
  private static ApplicationTrack track(
      int n, UUID role, String source, Stage now, Object... stagesAndDays) {
    List<Step> steps = new ArrayList<>();
    int submittedDay = (Integer) stagesAndDays[0];
    steps.add(new Step(null, Stage.SUBMITTED, day(submittedDay)));
    Stage from = Stage.SUBMITTED;
    for (int i = 1; i < stagesAndDays.length; i += 2) {
      Stage to = (Stage) stagesAndDays[i];
      steps.add(new Step(from, to, day((Integer) stagesAndDays[i + 1])));
      from = to;
    }
    return new ApplicationTrack(app(n), role, source, day(submittedDay), now, steps);
  }
}
