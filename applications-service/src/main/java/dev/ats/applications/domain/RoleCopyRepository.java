package dev.ats.applications.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RoleCopyRepository implements PanacheRepositoryBase<RoleCopy, UUID> {

  public Optional<RoleCopy> findForUpdate(UUID roleId) {
    return findByIdOptional(roleId, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Takes one opening of the role for a hire, atomically: the row is updated only while hires are
   * below openings, so two concurrent hires on the last opening cannot both succeed (the second
   * waits for the first's row lock, then sees the new count).
   *
   * @return true if an opening was taken
   */
  public boolean takeOpening(UUID roleId) {
    return getEntityManager()
            .createQuery(
                "update RoleCopy set hiredCount = hiredCount + 1"
                    + " where roleId = :roleId and hiredCount < openings")
            .setParameter("roleId", roleId)
            .executeUpdate()
        == 1;
  }
}
