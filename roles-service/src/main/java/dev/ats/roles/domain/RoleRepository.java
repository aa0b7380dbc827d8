package dev.ats.roles.domain;

import dev.ats.web.paging.Cursors;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Queries over roles that the entity's own Panache methods do not express well. */
@ApplicationScoped
public class RoleRepository implements PanacheRepositoryBase<Role, UUID> {

  /** What a list may be filtered on; null means "any". */
  public record Filter(
      RoleStatus status,
      String team,
      WorkplaceType workplaceType,
      EmploymentType employmentType,
      String text) {}

  /** Loads a role for a change, locking its row until the transaction ends. */
  public Optional<Role> findForUpdate(UUID id) {
    return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /**
   * Up to {@code rows} roles matching {@code filter}, in the list's stable order (createdAt desc,
   * id desc), starting after {@code after} (null: from the start).
   */
  public List<Role> list(Filter filter, Cursors.Position after, int rows) {
    StringBuilder where = new StringBuilder("1 = 1");
    Map<String, Object> params = new HashMap<>();
    if (filter.status() != null) {
      where.append(" and status = :status");
      params.put("status", filter.status());
    }
    if (filter.team() != null && !filter.team().isBlank()) {
      where.append(" and lower(team) = :team");
      params.put("team", filter.team().strip().toLowerCase(Locale.ROOT));
    }
    if (filter.workplaceType() != null) {
      where.append(" and workplaceType = :workplaceType");
      params.put("workplaceType", filter.workplaceType());
    }
    if (filter.employmentType() != null) {
      where.append(" and employmentType = :employmentType");
      params.put("employmentType", filter.employmentType());
    }
    if (filter.text() != null && !filter.text().isBlank()) {
      where.append(
          " and (lower(title) like :text escape '!' or lower(description) like :text escape '!'"
              + " or lower(team) like :text escape '!')");
      params.put("text", "%" + escapeLike(filter.text().strip().toLowerCase(Locale.ROOT)) + "%");
    }
    if (after != null) {
      where.append(
          " and (createdAt < :afterCreatedAt or (createdAt = :afterCreatedAt and id < :afterId))");
      params.put("afterCreatedAt", after.at());
      params.put("afterId", after.id());
    }
    return find(where.toString(), Sort.descending("createdAt", "id"), params)
        .page(Page.ofSize(rows))
        .list();
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
