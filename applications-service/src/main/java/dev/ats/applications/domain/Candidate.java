package dev.ats.applications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person who applied: personal data, anonymised in place on erasure. */
@Entity
@Table(name = "candidate")
public class Candidate extends PanacheEntityBase {

  @Id public UUID id;

  public String email;

  @Column(name = "first_name")
  public String firstName;

  @Column(name = "last_name")
  public String lastName;

  public String phone;
  public String school;
  public String degree;

  @Column(name = "graduation_date")
  public LocalDate graduationDate;

  /** URLs (a portfolio, GitHub, …). */
  @JdbcTypeCode(SqlTypes.JSON)
  public List<String> links;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Column(name = "erased_at")
  public Instant erasedAt;

  public PersonalDetails details() {
    return new PersonalDetails(
        email, firstName, lastName, phone, school, degree, graduationDate, links);
  }
}
