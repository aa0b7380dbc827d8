package dev.ats.applications.service.reports;

import dev.ats.applications.domain.ApplicationTrack;
import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.ReportRepository;
import dev.ats.applications.domain.RoleCopy;
import dev.ats.applications.domain.RoleCopyRepository;
import dev.ats.applications.domain.Stage;
import dev.ats.applications.service.RoleCopyService;
import dev.ats.platform.time.Timestamps;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private final RoleCopyRepository roles;

  public Reports(ReportRepository reports, RoleCopyRepository roles) {
    this.reports = reports;
    this.roles = roles;
  }

  /** The role's counts per stage and eligibility outcome; 404 for a role this service lacks. */
  public RolePipeline pipeline(UUID roleId) {
    RoleCopy role =
        roles.findByIdOptional(roleId).orElseThrow(() -> RoleCopyService.roleNotFound(roleId));
    Map<Stage, Long> stages = new EnumMap<>(Stage.class);
    Map<EligibilityOutcome, Long> eligibility = new EnumMap<>(EligibilityOutcome.class);
    Arrays.stream(Stage.values()).forEach(s -> stages.put(s, 0L));
    Arrays.stream(EligibilityOutcome.values()).forEach(o -> eligibility.put(o, 0L));
    long total = 0;
    long undecided = 0;
    for (ReportRepository.StageCount count : reports.stageCounts(roleId)) {
      stages.merge(count.stage(), count.applications(), Long::sum);
      eligibility.merge(count.eligibility(), count.applications(), Long::sum);
      total += count.applications();
      if (!count.stage().isFinal()) {
        undecided += count.applications();
      }
    }
    Instant now = Timestamps.now();
    Instant end = ReportCalculations.respondByEnd(role.respondBy);
    boolean passed = end != null && !now.isBefore(end);
    return new RolePipeline(
        roleId,
        role.respondBy,
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

  public FunnelReport funnel(Window window) {
    List<ApplicationTrack> tracks = tracks(window);
    return new FunnelReport(
        window, Timestamps.now(), tracks.size(), ReportCalculations.funnel(tracks));
  }

  public TimeToDecisionReport timeToDecision(Window window) {
    return new TimeToDecisionReport(
        window, Timestamps.now(), ReportCalculations.timeToDecision(tracks(window)));
  }

  public SourcesReport sources(Window window) {
    return new SourcesReport(window, Timestamps.now(), ReportCalculations.sources(tracks(window)));
  }

  /**
   * The respond-by report, listing at most {@code waitingLimit} waiting applications per role (the
   * longest waiting first).
   */
  public RespondByReport respondBy(Window window, int waitingLimit) {
    List<ApplicationTrack> tracks = tracks(window);
    Set<UUID> roleIds = new HashSet<>();
    tracks.forEach(t -> roleIds.add(t.roleId()));
    Map<UUID, ReportCalculations.RoleInfo> info = new HashMap<>();
    reports
        .roles(roleIds)
        .forEach(
            (id, role) ->
                info.put(id, new ReportCalculations.RoleInfo(role.title(), role.respondBy())));
    Instant now = Timestamps.now();
    return new RespondByReport(
        window, now, ReportCalculations.respondBy(tracks, info, now, waitingLimit));
  }

  private List<ApplicationTrack> tracks(Window window) {
    if (window.from() != null && window.to() != null && !window.from().isBefore(window.to())) {
      throw ApiException.badRequest("from must be before to");
    }
    return reports.tracks(window.roleId(), window.from(), window.to());
  }
}
