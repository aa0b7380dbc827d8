package dev.ats.applications.service;

import dev.ats.applications.domain.RoleCopy;
import dev.ats.applications.domain.RoleCopyRepository;
import dev.ats.applications.events.RoleChanged;
import dev.ats.platform.time.Timestamps;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps this service's copy of each role up to date from roles-service's events. The copy is
 * roles-service's numbers as published (openings, openings filled, status): this service keeps no
 * count of hires of its own.
 */
@ApplicationScoped
@Transactional
public class RoleCopyService {

  private static final Logger LOG = Logger.getLogger(RoleCopyService.class);

  private final RoleCopyRepository roles;
  private final PipelineService pipeline;

  /** The 404 for a role this service holds no copy of: the one answer for every operation. */
  public static ApiException roleNotFound(UUID roleId) {
    return new ApiException(
        404,
        "role-not-found",
        "Role not found",
        "Role "
            + roleId
            + " is not known to applications-service: it does not exist, or it"
            + " was published so recently that it has not arrived yet");
  }

  public RoleCopyService(RoleCopyRepository roles, PipelineService pipeline) {
    this.roles = roles;
    this.pipeline = pipeline;
  }

  /**
   * Applies one role event (the consumer path makes it once per event id): the copy changes only if
   * the event's role version is newer than the copy's. On {@code role.filled} the role's remaining
   * active applications are rejected.
   */
  public void apply(RoleChanged event) {
    RoleCopy copy = roles.findForUpdate(event.roleId()).orElse(null);
    boolean newer = copy == null || event.version() > copy.version;
    if (newer) {
      boolean created = copy == null;
      if (created) {
        copy = new RoleCopy();
        copy.roleId = event.roleId();
      }
      copy.title = event.title();
      copy.status = event.status();
      copy.openings = event.openings();
      copy.openingsFilled = event.openingsFilled();
      copy.applicationDeadline = event.applicationDeadline();
      copy.respondBy = event.respondBy();
      copy.eligibilityRules = event.eligibilityRules();
      copy.resumeRequired = event.resumeRequired();
      copy.version = event.version();
      copy.updatedAt = Timestamps.now();
      if (created) {
        roles.persist(copy);
      }
    } else {
      LOG.debugf(
          "role %s: ignored %s version %d, copy is at %d",
          event.roleId(), event.type(), event.version(), copy.version);
    }
    if (event.filled() && (newer || "FILLED".equals(copy.status))) {
      int rejected = pipeline.rejectRemaining(event.roleId());
      LOG.infof("role %s filled: rejected %d remaining applications", event.roleId(), rejected);
    }
  }
}
