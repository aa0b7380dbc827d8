package dev.ats.roles.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RoleOpeningRepository implements PanacheRepositoryBase<RoleOpening, UUID> {

  /** The open opening a hire fills next: the lowest-numbered one. */
  public Optional<RoleOpening> nextOpen(UUID roleId) {
    return find("roleId = ?1 and status = ?2 order by number", roleId, RoleOpening.Status.OPEN)
        .firstResultOptional();
  }

  public boolean filledBy(UUID applicationId) {
    return count("filledByApplicationId", applicationId) > 0;
  }

  /** Adds {@code count} open openings after the highest-numbered one. */
  public void addOpen(UUID roleId, int count) {
    Integer highest =
        getEntityManager()
            .createQuery(
                "select max(o.number) from RoleOpening o where o.roleId = :roleId", Integer.class)
            .setParameter("roleId", roleId)
            .getSingleResult();
    int next = highest == null ? 1 : highest + 1;
    for (int i = 0; i < count; i++) {
      persist(RoleOpening.open(roleId, next + i));
    }
  }

  /** Removes {@code count} open openings, the highest-numbered first. */
  public void removeOpen(UUID roleId, int count) {
    List<RoleOpening> open =
        find("roleId = ?1 and status = ?2 order by number desc", roleId, RoleOpening.Status.OPEN)
            .page(0, count)
            .list();
    if (open.size() < count) {
      throw new IllegalStateException(
          "role " + roleId + " has " + open.size() + " open openings, not " + count);
    }
    open.forEach(this::delete);
  }
}
