package dev.ats.applications.service;

import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * Candidate self-service with the application's access token ({@code X-Application-Token}): read
 * the application, withdraw it. A token for another application, or a wrong one, is answered
 * exactly like an unknown id (404).
 */
@ApplicationScoped
@Transactional
public class CandidateAccess {

  private final ApplicationLookup lookup;
  private final StageChanges stageChanges;

  public CandidateAccess(ApplicationLookup lookup, StageChanges stageChanges) {
    this.lookup = lookup;
    this.stageChanges = stageChanges;
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public ApplicationDetails get(UUID id, String token) {
    return ApplicationDetails.of(lookup.withToken(id, token, false));
  }

  public ApplicationDetails withdraw(UUID id, String token) {
    Application app = lookup.withToken(id, token, true);
    StageChanges.requireAllowed(app, Stage.WITHDRAWN);
    stageChanges.withdraw(app, "CANDIDATE", null, null, StageChanges.CANDIDATE_ACTOR);
    return ApplicationDetails.of(app);
  }
}
