package dev.ats.applications.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RoleCopyRepository implements PanacheRepositoryBase<RoleCopy, UUID> {

  /**
   * The role copy, locked until the transaction ends. A role event and a hire both lock it first:
   * two concurrent hires of one role run one after the other (the second sees the first's hire when
   * it counts), and a hire never deadlocks with the role event that rejects the remaining
   * applications.
   */
  public Optional<RoleCopy> findForUpdate(UUID roleId) {
    return findByIdOptional(roleId, LockModeType.PESSIMISTIC_WRITE);
  }
}
