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
 * {@link PipelineService} in a transaction of its own (its own lock, version check, history entry
 * and events), so an item that fails (unknown, stale, illegal, no opening left) changes nothing and
 * stops nothing, and no lock is held across items: a single transition of the same application
 * waits for at most one item, never for the whole call.
 */
@ApplicationScoped
public class BulkTransitions {

  public static final int MAX_ITEMS = 500;
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
    for (Item item : items) {
      outcomes.add(transitionOne(item, to, reason, note, actor));
    }
    return outcomes;
  }

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
