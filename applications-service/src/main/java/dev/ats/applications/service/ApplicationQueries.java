package dev.ats.applications.service;

import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.ApplicationRepository;
import dev.ats.applications.domain.CandidateRepository;
import dev.ats.applications.domain.Stage;
import dev.ats.applications.domain.StageChange;
import dev.ats.web.paging.Cursors;
import dev.ats.web.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What recruiters, hiring managers and integrations read: one application, the list, history. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ApplicationQueries {

  /** One entry of an application's history; the first is the submission (from null). */
  public record HistoryItem(
      Stage from,
      Stage to,
      String reason,
      String note,
      String actor,
      long version,
      Instant changedAt) {}

  private final ApplicationRepository applications;
  private final CandidateRepository candidates;
  private final ApplicationLookup lookup;

  public ApplicationQueries(
      ApplicationRepository applications,
      CandidateRepository candidates,
      ApplicationLookup lookup) {
    this.applications = applications;
    this.candidates = candidates;
    this.lookup = lookup;
  }

  public ApplicationDetails get(UUID id) {
    return ApplicationDetails.of(lookup.existing(id));
  }

  /** Newest first (submittedAt desc, id desc), by keyset cursor. */
  public Page<ApplicationDetails> list(
      ApplicationRepository.Filter filter, String cursor, Integer limit) {
    int size = Cursors.limit(limit);
    Cursors.Position after = Cursors.position(cursor);
    List<Application> rows =
        applications.page(
            filter, after == null ? null : after.at(), after == null ? null : after.id(), size + 1);
    // One query for the page's candidates instead of one lazy load per batch of rows.
    List<UUID> candidateIds = rows.stream().map(a -> a.candidate.id).distinct().toList();
    if (!candidateIds.isEmpty()) {
      candidates.list("id in ?1", candidateIds);
    }
    return Page.of(rows, size, ApplicationDetails::of, a -> Cursors.encode(a.submittedAt, a.id));
  }

  /** Every stage change of the application, oldest first. */
  public List<HistoryItem> history(UUID id) {
    lookup.existing(id);
    return StageChange.<StageChange>list("applicationId = ?1 order by id", id).stream()
        .map(
            c ->
                new HistoryItem(
                    c.fromStage, c.toStage, c.reason, c.note, c.actor, c.version, c.changedAt))
        .toList();
  }
}
