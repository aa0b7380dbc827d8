package dev.ats.roles.domain;

import dev.ats.web.paging.Cursors;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class UnplacedHireRepository implements PanacheRepositoryBase<UnplacedHire, UUID> {

  /**
   * Up to {@code rows} unplaced hires of {@code roleId}, newest first (recordedAt desc,
   * applicationId desc), starting after {@code after} (null: from the start).
   */
  public List<UnplacedHire> list(UUID roleId, Cursors.Position after, int rows) {
    Sort order = Sort.descending("recordedAt", "applicationId");
    var query =
        after == null
            ? find("roleId = ?1", order, roleId)
            : find(
                "roleId = ?1 and (recordedAt < ?2 or (recordedAt = ?2 and applicationId < ?3))",
                order,
                roleId,
                after.at(),
                after.id());
    return query.page(Page.ofSize(rows)).list();
  }

  public boolean anyFor(UUID roleId) {
    return count("roleId", roleId) > 0;
  }
}
