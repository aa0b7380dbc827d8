package dev.ats.applications.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class CandidateRepository implements PanacheRepositoryBase<Candidate, UUID> {

  /**
   * Inserts the candidate, or updates the one with the same email (whatever its case): the same
   * person applying twice is one candidate. Optional details not given keep their former value. The
   * row stays locked until the transaction ends, so concurrent submissions by the same person run
   * one after the other.
   *
   * @return the candidate, as now stored
   */
  public Candidate upsertByEmail(PersonalDetails details) {
    Object id =
        getEntityManager()
            .createNativeQuery(
                "insert into candidate (id, email, first_name, last_name, phone, school, degree,"
                    + " graduation_date, created_at, updated_at)"
                    + " values (cast(:id as uuid), :email, :firstName, :lastName, :phone, :school,"
                    + " :degree, cast(:graduationDate as date), now(), now())"
                    + " on conflict ((lower(email))) do update set email = excluded.email,"
                    + " first_name = excluded.first_name, last_name = excluded.last_name,"
                    + " phone = coalesce(excluded.phone, candidate.phone),"
                    + " school = coalesce(excluded.school, candidate.school),"
                    + " degree = coalesce(excluded.degree, candidate.degree),"
                    + " graduation_date = coalesce(excluded.graduation_date,"
                    + " candidate.graduation_date), updated_at = now()"
                    + " returning cast(id as varchar)")
            .setParameter("id", UUID.randomUUID().toString())
            .setParameter("email", details.email())
            .setParameter("firstName", details.firstName())
            .setParameter("lastName", details.lastName())
            .setParameter("phone", details.phone())
            .setParameter("school", details.school())
            .setParameter("degree", details.degree())
            .setParameter(
                "graduationDate",
                details.graduationDate() == null ? null : details.graduationDate().toString())
            .getSingleResult();
    Candidate candidate = findById(UUID.fromString(id.toString()));
    if (details.links() != null) {
      candidate.links = details.links();
    }
    return candidate;
  }
}
