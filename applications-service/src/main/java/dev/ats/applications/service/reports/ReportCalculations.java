package dev.ats.applications.service.reports;

import dev.ats.applications.domain.ApplicationTrack;
import dev.ats.applications.domain.ApplicationTrack.Step;
import dev.ats.applications.domain.Stage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The reports' figures, computed from applications' stage histories alone (pure: no database, no
 * clock of its own). Days are elapsed time / 24 h, rounded to 2 decimals; rates and shares to 4.
 */
public final class ReportCalculations {

  /** The pipeline's stages in order; REJECTED and WITHDRAWN end it early. */
  public static final List<Stage> PIPELINE =
      List.of(Stage.SUBMITTED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFERED, Stage.HIRED);

  private static final double SECONDS_PER_DAY = 86_400.0;

  private ReportCalculations() {}

  /**
   * Per pipeline stage: how many applications reached it (entered it, or a later pipeline stage
   * when it was skipped), the share of those that reached the next stage, and the median and p90
   * days spent in it by the applications that entered it and have left it (a skipped stage has no
   * time; applications still in a stage are not timed yet).
   */
  public static List<FunnelReport.StageFigures> funnel(List<ApplicationTrack> tracks) {
    Map<Stage, Integer> reached = new EnumMap<>(Stage.class);
    Map<Stage, List<Double>> days = new EnumMap<>(Stage.class);
    PIPELINE.forEach(
        s -> {
          reached.put(s, 0);
          days.put(s, new ArrayList<>());
        });
    for (ApplicationTrack track : tracks) {
      int furthest = furthest(track);
      for (int i = 0; i <= furthest; i++) {
        reached.merge(PIPELINE.get(i), 1, Integer::sum);
      }
      List<Step> steps = track.steps();
      for (int i = 0; i + 1 < steps.size(); i++) {
        Stage stage = steps.get(i).to();
        if (PIPELINE.contains(stage)) {
          days.get(stage).add(days(steps.get(i).at(), steps.get(i + 1).at()));
        }
      }
    }
    List<FunnelReport.StageFigures> figures = new ArrayList<>();
    for (int i = 0; i < PIPELINE.size(); i++) {
      Stage stage = PIPELINE.get(i);
      Double passThrough =
          i + 1 < PIPELINE.size()
              ? Percentiles.share(reached.get(PIPELINE.get(i + 1)), reached.get(stage))
              : null;
      List<Double> spent = days.get(stage);
      figures.add(
          new FunnelReport.StageFigures(
              stage,
              reached.get(stage),
              passThrough,
              spent.size(),
              Percentiles.round(Percentiles.of(spent, 0.5), 2),
              Percentiles.round(Percentiles.of(spent, 0.9), 2)));
    }
    return figures;
  }

  /** Days from submission to HIRED, and to any final decision (HIRED, REJECTED, WITHDRAWN). */
  public static TimeToDecisionReport.Figures timeToDecision(List<ApplicationTrack> tracks) {
    List<Double> toHire = new ArrayList<>();
    List<Double> toDecision = new ArrayList<>();
    for (ApplicationTrack track : tracks) {
      firstStep(track, Stage.HIRED).ifPresent(s -> toHire.add(days(track.submittedAt(), s.at())));
      decision(track).ifPresent(s -> toDecision.add(days(track.submittedAt(), s.at())));
    }
    return new TimeToDecisionReport.Figures(
        tracks.size(),
        toHire.size(),
        Percentiles.round(Percentiles.of(toHire, 0.5), 2),
        Percentiles.round(Percentiles.of(toHire, 0.9), 2),
        toDecision.size(),
        Percentiles.round(Percentiles.of(toDecision, 0.5), 2),
        Percentiles.round(Percentiles.of(toDecision, 0.9), 2));
  }

  /**
   * Per source (null: none given): applications, and how many reached INTERVIEWING, OFFERED and
   * HIRED (reached as in the funnel). Most applications first, then by source.
   */
  public static List<SourcesReport.SourceFigures> sources(List<ApplicationTrack> tracks) {
    Map<String, int[]> bySource = new LinkedHashMap<>();
    for (ApplicationTrack track : tracks) {
      int[] counts = bySource.computeIfAbsent(track.source(), s -> new int[4]);
      int furthest = furthest(track);
      counts[0]++;
      if (furthest >= PIPELINE.indexOf(Stage.INTERVIEWING)) {
        counts[1]++;
      }
      if (furthest >= PIPELINE.indexOf(Stage.OFFERED)) {
        counts[2]++;
      }
      if (furthest >= PIPELINE.indexOf(Stage.HIRED)) {
        counts[3]++;
      }
    }
    return bySource.entrySet().stream()
        .map(
            e ->
                new SourcesReport.SourceFigures(
                    e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3]))
        .sorted(
            Comparator.comparingInt(SourcesReport.SourceFigures::applications)
                .reversed()
                .thenComparing(
                    SourcesReport.SourceFigures::source,
                    Comparator.nullsLast(Comparator.naturalOrder())))
        .toList();
  }

  /** What the respond-by report knows of a role (its copy; null members when it has none). */
  public record RoleInfo(String title, String respondBy) {}

  /**
   * Per role: of the applications submitted before the end of the role's respond-by day (UTC), how
   * many got a decision by then, and how many progressed by then (a decision, or a move past
   * SUBMITTED); and, once the day is over, the applications still undecided. Roles in order of
   * their id.
   */
  public static List<RespondByReport.RoleCompliance> respondBy(
      List<ApplicationTrack> tracks, Map<UUID, RoleInfo> roles, Instant now) {
    return respondBy(tracks, roles, now, Integer.MAX_VALUE);
  }

  /**
   * As {@link #respondBy(List, Map, Instant)}, listing at most {@code waitingLimit} waiting
   * applications per role (the longest waiting first); {@code waitingCount} counts them all.
   */
  public static List<RespondByReport.RoleCompliance> respondBy(
      List<ApplicationTrack> tracks, Map<UUID, RoleInfo> roles, Instant now, int waitingLimit) {
    Map<UUID, List<ApplicationTrack>> byRole = new HashMap<>();
    tracks.forEach(t -> byRole.computeIfAbsent(t.roleId(), r -> new ArrayList<>()).add(t));
    List<RespondByReport.RoleCompliance> result = new ArrayList<>();
    byRole.keySet().stream()
        .sorted()
        .forEach(
            roleId -> {
              RoleInfo role = roles.getOrDefault(roleId, new RoleInfo(null, null));
              Instant deadline = respondByEnd(role.respondBy());
              List<ApplicationTrack> theirs = byRole.get(roleId);
              int due = 0;
              int decided = 0;
              int progressed = 0;
              int waitingCount = 0;
              List<RespondByReport.Waiting> waiting = new ArrayList<>();
              boolean passed = deadline != null && !now.isBefore(deadline);
              for (ApplicationTrack track : theirs) {
                if (deadline != null && track.submittedAt().isBefore(deadline)) {
                  due++;
                  if (decision(track).filter(s -> s.at().isBefore(deadline)).isPresent()) {
                    decided++;
                  }
                  if (firstUpdate(track).filter(s -> s.at().isBefore(deadline)).isPresent()) {
                    progressed++;
                  }
                }
                if (passed && !track.stage().isFinal() && waitingCount++ < waitingLimit) {
                  waiting.add(
                      new RespondByReport.Waiting(
                          track.applicationId(), track.stage(), track.submittedAt()));
                }
              }
              result.add(
                  new RespondByReport.RoleCompliance(
                      roleId,
                      role.title(),
                      role.respondBy(),
                      passed,
                      theirs.size(),
                      due,
                      decided,
                      Percentiles.share(decided, due),
                      progressed,
                      Percentiles.share(progressed, due),
                      waitingCount,
                      waiting));
            });
    return result;
  }

  /**
   * The instant a respond-by promise ends: a date means "through that day" (UTC), a timestamp is
   * taken as is; null (no promise) when absent or unreadable.
   */
  public static Instant respondByEnd(String respondBy) {
    if (respondBy == null || respondBy.isBlank()) {
      return null;
    }
    try {
      if (respondBy.length() == 10) {
        return LocalDate.parse(respondBy).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(respondBy).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The index in {@link #PIPELINE} of the furthest pipeline stage the application entered. */
  static int furthest(ApplicationTrack track) {
    int furthest = 0;
    for (Step step : track.steps()) {
      furthest = Math.max(furthest, PIPELINE.indexOf(step.to()));
    }
    return furthest;
  }

  private static Optional<Step> firstStep(ApplicationTrack track, Stage stage) {
    return track.steps().stream().filter(s -> s.to() == stage).findFirst();
  }

  /** The change that made the application final, if it is. */
  private static Optional<Step> decision(ApplicationTrack track) {
    return track.steps().stream().filter(s -> s.to().isFinal()).findFirst();
  }

  /** The first change after the submission (a move, or a decision). */
  private static Optional<Step> firstUpdate(ApplicationTrack track) {
    return track.steps().stream().filter(s -> s.from() != null).findFirst();
  }

  private static double days(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0 / SECONDS_PER_DAY;
  }
}
