package dev.ats.applications.service;

import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.ApplicationRepository;
import dev.ats.applications.domain.ApplicationSearch;
import dev.ats.applications.domain.CandidateRepository;
import dev.ats.applications.domain.Stage;
import dev.ats.applications.domain.StageChange;
import dev.ats.web.error.ApiException;
import dev.ats.web.paging.Cursors;
import dev.ats.web.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

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

  /** An application in a list, with how it matched a search (null without {@code q}). */
  public record Listed(ApplicationDetails application, Match match) {}

  /** How an application matched {@code q}: its rank (higher first) and a plain-text snippet. */
  public record Match(float rank, String snippet) {}

  private static final String RANK_CURSOR = "rank";

  private final ApplicationRepository applications;
  private final CandidateRepository candidates;
  private final ApplicationSearch search;
  private final ApplicationLookup lookup;

  public ApplicationQueries(
      ApplicationRepository applications,
      CandidateRepository candidates,
      ApplicationSearch search,
      ApplicationLookup lookup) {
    this.applications = applications;
    this.candidates = candidates;
    this.search = search;
    this.lookup = lookup;
  }

  public ApplicationDetails get(UUID id) {
    return ApplicationDetails.of(lookup.existing(id));
  }

  /**
   * Without {@code filter.q()}: newest first (submittedAt desc, id desc), by keyset cursor. With
   * it: the matches, best first (rank desc, id desc), by a keyset cursor on (rank, id); the
   * documents' text counts (and shows in snippets) only {@code withDocuments}.
   */
  @Transactional // a search sets pg_trgm's threshold for its transaction only
  public Page<Listed> list(
      ApplicationRepository.Filter filter, String cursor, Integer limit, boolean withDocuments) {
    int size = Cursors.limit(limit);
    if (filter.q() != null) {
      return search(filter, cursor, size, withDocuments);
    }
    Cursors.Position after = Cursors.position(cursor);
    List<Application> rows =
        applications.page(
            filter, after == null ? null : after.at(), after == null ? null : after.id(), size + 1);
    withCandidates(rows);
    return Page.of(
        rows,
        size,
        a -> new Listed(ApplicationDetails.of(a), null),
        a -> Cursors.encode(a.submittedAt, a.id));
  }

  private Page<Listed> search(
      ApplicationRepository.Filter filter, String cursor, int size, boolean withDocuments) {
    Float afterRank = null;
    UUID afterId = null;
    List<String> after = Cursors.decode(cursor, 3);
    if (after != null) {
      try {
        if (!after.get(0).equals(RANK_CURSOR)) {
          throw new IllegalArgumentException(after.get(0));
        }
        afterRank = Float.parseFloat(after.get(1));
        afterId = UUID.fromString(after.get(2));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("cursor is not one that this list returned");
      }
    }
    List<ApplicationSearch.Hit> hits =
        search.page(
            filter,
            new ApplicationSearch.Query(filter.q(), withDocuments),
            afterRank,
            afterId,
            size + 1);
    Map<UUID, Application> found =
        hits.isEmpty()
            ? Map.of()
            : applications
                .<Application>list("id in ?1", hits.stream().map(h -> h.id()).toList())
                .stream()
                .collect(Collectors.toMap(a -> a.id, Function.identity()));
    withCandidates(List.copyOf(found.values()));
    List<ApplicationSearch.Hit> present =
        hits.stream().filter(h -> found.containsKey(h.id())).toList();
    return Page.of(
        present,
        size,
        h -> new Listed(ApplicationDetails.of(found.get(h.id())), new Match(h.rank(), h.snippet())),
        h -> Cursors.encode(RANK_CURSOR, Float.toString(h.rank()), h.id()));
  }

  /** One query for the page's candidates instead of one lazy load per batch of rows. */
  private void withCandidates(List<Application> rows) {
    List<UUID> candidateIds = rows.stream().map(a -> a.candidate.id).distinct().toList();
    if (!candidateIds.isEmpty()) {
      candidates.list("id in ?1", candidateIds);
    }
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
