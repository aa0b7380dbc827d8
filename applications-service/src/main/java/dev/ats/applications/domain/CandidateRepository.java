package dev.ats.applications.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CandidateRepository implements PanacheRepositoryBase<Candidate, UUID> {

  private final ObjectMapper json;

  public CandidateRepository(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Inserts the candidate, or updates the one with the same email (whatever its case): the same
   * person applying twice is one candidate. Optional details not given keep their former value. The
   * row stays locked until the transaction ends, so concurrent submissions by the same person run
   * one after the other.
   *
   * <p>One statement: the stored row comes back from {@code returning} as the managed entity, so
   * nothing re-reads what it just wrote (the links are written by the same statement).
   *
   * @return the candidate, as now stored
   */
  public Candidate upsertByEmail(PersonalDetails details) {
    return (Candidate)
        getEntityManager()
            .createNativeQuery(
                "insert into candidate (id, email, first_name, last_name, phone, school, degree,"
                    + " graduation_date, links, created_at, updated_at)"
                    + " values (cast(:id as uuid), :email, :firstName, :lastName, :phone, :school,"
                    + " :degree, cast(:graduationDate as date), cast(:links as jsonb), now(), now())"
                    + " on conflict ((lower(email))) do update set email = excluded.email,"
                    + " first_name = excluded.first_name, last_name = excluded.last_name,"
                    + " phone = coalesce(excluded.phone, candidate.phone),"
                    + " school = coalesce(excluded.school, candidate.school),"
                    + " degree = coalesce(excluded.degree, candidate.degree),"
                    + " graduation_date = coalesce(excluded.graduation_date,"
                    + " candidate.graduation_date),"
                    + " links = coalesce(excluded.links, candidate.links), updated_at = now()"
                    + " returning *",
                Candidate.class)
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
            .setParameter("links", links(details.links()))
            .getSingleResult();
  }

  /** The links as a JSON array (the column's format: strings, in order), or null if not given. */
  private String links(List<String> links) {
    if (links == null) {
      return null;
    }
    try {
      return json.writeValueAsString(links);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("links are not serialisable", e);
    }
  }
}
