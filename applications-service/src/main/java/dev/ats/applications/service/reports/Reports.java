package dev.ats.applications.service.reports;

import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.ReportRepository;
import dev.ats.applications.domain.Stage;
import dev.ats.applications.service.RoleCopyService;
import dev.ats.platform.time.Timestamps;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A board's counts and the hiring team's reports, computed on request from data this service owns
 * (applications, their stage history, sources, submission times, the role copies' respond-by): no
 * personal data is read, so erasure changes no figure.
 */
@ApplicationScoped
@Transactional
public class Reports {

  private final ReportRepository reports;

  public Reports(ReportRepository reports) {
    this.reports = reports;
  }

  /**
   * The role's counts per stage and eligibility outcome; 404 for a role this service lacks. One
   * statement on a pooled connection, no transaction and no entity: a board refreshes this every
   * few seconds.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public RolePipeline pipeline(UUID roleId) {
    ReportRepository.RoleCounts role =
        reports.roleCounts(roleId).orElseThrow(() -> RoleCopyService.roleNotFound(roleId));
    Map<Stage, Long> stages = new EnumMap<>(Stage.class);
    Map<EligibilityOutcome, Long> eligibility = new EnumMap<>(EligibilityOutcome.class);
    Arrays.stream(Stage.values()).forEach(s -> stages.put(s, 0L));
    Arrays.stream(EligibilityOutcome.values()).forEach(o -> eligibility.put(o, 0L));
    long total = 0;
    long undecided = 0;
    for (ReportRepository.StageCount count : role.counts()) {
      stages.merge(count.stage(), count.applications(), Long::sum);
      eligibility.merge(count.eligibility(), count.applications(), Long::sum);
      total += count.applications();
      if (!count.stage().isFinal()) {
        undecided += count.applications();
      }
    }
    Instant now = Timestamps.now();
    Instant end = ReportCalculations.respondByEnd(role.respondBy());
    boolean passed = end != null && !now.isBefore(end);
    return new RolePipeline(
        roleId,
        role.respondBy(),
        passed,
        total,
        stages.entrySet().stream()
            .map(e -> new RolePipeline.StageCount(e.getKey(), e.getValue()))
            .toList(),
        eligibility.entrySet().stream()
            .map(e -> new RolePipeline.EligibilityCount(e.getKey(), e.getValue()))
            .toList(),
        undecided,
        passed ? undecided : 0,
        now);
  }

  /**
   * The funnel, computed in PostgreSQL ({@link ReportRepository#reached}, {@link
   * ReportRepository#stageTimes}): the same figures {@link ReportCalculations#funnel} defines.
   */
  public FunnelReport funnel(Window window) {
    ReportRepository.Cohort cohort = cohort(window);
    long[] reached = reports.reached(cohort);
    Map<Stage, ReportRepository.StageTime> times = new EnumMap<>(Stage.class);
    reports.stageTimes(cohort).forEach(t -> times.put(t.stage(), t));
    List<Stage> pipeline = ReportCalculations.PIPELINE;
    List<FunnelReport.StageFigures> stages = new ArrayList<>(pipeline.size());
    for (int i = 0; i < pipeline.size(); i++) {
      Stage stage = pipeline.get(i);
      ReportRepository.StageTime time =
          times.getOrDefault(stage, new ReportRepository.StageTime(stage, 0, null, null));
      stages.add(
          new FunnelReport.StageFigures(
              stage,
              (int) reached[i],
              i + 1 < pipeline.size() ? Percentiles.share(reached[i + 1], reached[i]) : null,
              (int) time.timed(),
              Percentiles.round(time.medianDays(), 2),
              Percentiles.round(time.p90Days(), 2)));
    }
    return new FunnelReport(window, Timestamps.now(), (int) reached[0], stages);
  }

  /** As {@link ReportCalculations#timeToDecision}, computed in PostgreSQL. */
  public TimeToDecisionReport timeToDecision(Window window) {
    ReportRepository.DecisionTimes t = reports.decisionTimes(cohort(window));
    return new TimeToDecisionReport(
        window,
        Timestamps.now(),
        new TimeToDecisionReport.Figures(
            (int) t.applications(),
            (int) t.hired(),
            Percentiles.round(t.medianDaysToHire(), 2),
            Percentiles.round(t.p90DaysToHire(), 2),
            (int) t.decided(),
            Percentiles.round(t.medianDaysToDecision(), 2),
            Percentiles.round(t.p90DaysToDecision(), 2)));
  }

  /** As {@link ReportCalculations#sources}, computed in PostgreSQL. */
  public SourcesReport sources(Window window) {
    return new SourcesReport(
        window,
        Timestamps.now(),
        reports.sources(cohort(window)).stream()
            .map(
                s ->
                    new SourcesReport.SourceFigures(
                        s.source(),
                        (int) s.applications(),
                        (int) s.interviewing(),
                        (int) s.offered(),
                        (int) s.hired()))
            .toList());
  }

  /**
   * The respond-by report, listing at most {@code waitingLimit} waiting applications per role (the
   * longest waiting first); as {@link ReportCalculations#respondBy}, computed in PostgreSQL.
   */
  public RespondByReport respondBy(Window window, int waitingLimit) {
    ReportRepository.Cohort cohort = cohort(window);
    // Every role copy's respond-by (a row per role, not per application), so the cohort is read
    // once, by the figures' own statement.
    Map<UUID, ReportRepository.RoleFacts> facts = reports.roles(window.roleId());
    Map<UUID, Instant> deadlines = new HashMap<>();
    facts.forEach(
        (id, role) -> {
          Instant end = ReportCalculations.respondByEnd(role.respondBy());
          if (end != null) {
            deadlines.put(id, end);
          }
        });
    Instant now = Timestamps.now();
    Map<UUID, List<RespondByReport.Waiting>> waiting = new HashMap<>();
    for (ReportRepository.Waiting w : reports.waiting(cohort, deadlines, now, waitingLimit)) {
      waiting
          .computeIfAbsent(w.roleId(), r -> new ArrayList<>())
          .add(new RespondByReport.Waiting(w.applicationId(), w.stage(), w.submittedAt()));
    }
    List<RespondByReport.RoleCompliance> roles = new ArrayList<>();
    for (ReportRepository.RespondByCount count : reports.respondBy(cohort, deadlines, now)) {
      ReportRepository.RoleFacts role = facts.get(count.roleId());
      Instant deadline = deadlines.get(count.roleId());
      roles.add(
          new RespondByReport.RoleCompliance(
              count.roleId(),
              role == null ? null : role.title(),
              role == null ? null : role.respondBy(),
              deadline != null && !now.isBefore(deadline),
              (int) count.applications(),
              (int) count.due(),
              (int) count.decided(),
              Percentiles.share(count.decided(), count.due()),
              (int) count.progressed(),
              Percentiles.share(count.progressed(), count.due()),
              (int) count.waiting(),
              waiting.getOrDefault(count.roleId(), List.of())));
    }
    roles.sort(Comparator.comparing(RespondByReport.RoleCompliance::roleId));
    return new RespondByReport(window, now, roles);
  }

  private static ReportRepository.Cohort cohort(Window window) {
    if (window.from() != null && window.to() != null && !window.from().isBefore(window.to())) {
      throw ApiException.badRequest("from must be before to");
    }
    return new ReportRepository.Cohort(window.roleId(), window.from(), window.to());
  }
}
