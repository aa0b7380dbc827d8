package dev.ats.applications.service;

import dev.ats.applications.domain.Stage;
import dev.ats.web.error.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Moves many applications to one stage, each on its own: every item is a single transition of
 * {@link PipelineService} (its own lock, version check, history entry and events), so an item that
 * fails (unknown, stale, illegal, no opening left) changes nothing and stops nothing.
 *
 * <p>Items are moved in chunks of {@value #CHUNK}, one transaction per chunk: the chunk's
 * applications are locked at its start in the order every multi-row lock takes them, then each item
 * is checked and moved; a refused item writes nothing, so the chunk's others still commit. No lock
 * is held across chunks: a single transition of the same application waits for at most one chunk,
 * never for the whole call. A chunk that fails as a whole (a lock timeout, a lost connection, any
 * database error) has committed nothing, and its items are then tried again one transaction each,
 * so the one at fault is isolated and the others still move.
 *
 * <p>Why chunks: one transaction per item paid, 500 times, a commit, a {@code NOTIFY} (which
 * serialises commits on PostgreSQL's notification queue) and a relay wake-up that competed for the
 * same database; a chunk pays them once per {@value #CHUNK} items.
 */
@ApplicationScoped
public class BulkTransitions {

  public static final int MAX_ITEMS = 500;

  /** Items per transaction. */
  static final int CHUNK = 25;

  private static final Logger LOG = Logger.getLogger(BulkTransitions.class);

  private final PipelineService pipeline;

  public BulkTransitions(PipelineService pipeline) {
    this.pipeline = pipeline;
  }

  /** One application to move, at the version the caller read. */
  public record Item(UUID id, long version) {}

  /** What happened to one item: the application after the move, or why it did not move. */
  public record Outcome(UUID id, ApplicationDetails moved, ApiException failure) {

    public boolean succeeded() {
      return moved != null;
    }

    /** The HTTP status a single transition of this item would have answered. */
    public int status() {
      return moved != null ? 200 : failure.status();
    }
  }

  /**
   * Moves every item to {@code to}, in the given order, each in its own transaction (suspending the
   * caller's, if any). A reason that REJECTED does not accept, no items, more than {@link
   * #MAX_ITEMS} or the same id twice are a 400 before anything moves.
   */
  public List<Outcome> transition(
      List<Item> items, Stage to, String reason, String note, String actor) {
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      throw ApiException.badRequest("applications must hold 1 to " + MAX_ITEMS + " items");
    }
    Set<UUID> seen = new HashSet<>();
    for (Item item : items) {
      if (!seen.add(item.id())) {
        throw ApiException.badRequest("application " + item.id() + " is listed more than once");
      }
    }
    if (to == Stage.REJECTED) {
      PipelineService.rejectionReason(reason);
    }
    List<Outcome> outcomes = new ArrayList<>(items.size());
    for (int start = 0; start < items.size(); start += CHUNK) {
      List<Item> chunk = items.subList(start, Math.min(items.size(), start + CHUNK));
      List<Outcome> moved = transitionChunk(chunk, to, reason, note, actor);
      if (moved == null) {
        moved = chunk.stream().map(item -> transitionOne(item, to, reason, note, actor)).toList();
      }
      outcomes.addAll(moved);
    }
    return outcomes;
  }

  /** The chunk's outcomes, all committed together; null if the chunk as a whole failed. */
  private List<Outcome> transitionChunk(
      List<Item> chunk, Stage to, String reason, String note, String actor) {
    try {
      return QuarkusTransaction.requiringNew()
          .call(
              () -> {
                pipeline.lockForBulk(chunk.stream().map(Item::id).toList(), to);
                List<Outcome> outcomes = new ArrayList<>(chunk.size());
                for (Item item : chunk) {
                  try {
                    outcomes.add(
                        new Outcome(
                            item.id(),
                            pipeline.transitionInBulk(
                                item.id(), item.version(), to, reason, note, actor),
                            null));
                  } catch (ApiException e) {
                    outcomes.add(new Outcome(item.id(), null, e));
                  }
                }
                return outcomes;
              });
    } catch (RuntimeException e) {
      LOG.infof(
          "bulk transition to %s: a chunk of %d failed as a whole (%s); moving its items one by one",
          to, chunk.size(), e.toString());
      return null;
    }
  }

  /** One item in a transaction of its own: how a chunk that failed as a whole is retried. */
  private Outcome transitionOne(Item item, Stage to, String reason, String note, String actor) {
    try {
      ApplicationDetails moved =
          QuarkusTransaction.requiringNew()
              .call(() -> pipeline.transition(item.id(), item.version(), to, reason, note, actor));
      return new Outcome(item.id(), moved, null);
    } catch (ApiException e) {
      return new Outcome(item.id(), null, e);
    } catch (QuarkusTransactionException e) {
      if (e.getCause() instanceof ApiException cause) {
        return new Outcome(item.id(), null, cause);
      }
      throw e;
    } catch (RuntimeException e) {
      // A lock timeout or a lost connection: this item did not move; the others still may.
      LOG.warnf(e, "bulk transition of application %s to %s failed", item.id(), to);
      return new Outcome(
          item.id(),
          null,
          new ApiException(
              503,
              "transition-unavailable",
              "Transition unavailable",
              "Application " + item.id() + " could not be moved now; retry this item"));
    }
  }
}
