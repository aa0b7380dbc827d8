package dev.ats.platform;

import dev.ats.platform.housekeeping.Purge;
import dev.ats.platform.idempotency.IdempotencyKeys;
import dev.ats.platform.idempotency.Idempotent;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A resource that exists only in the platform tests: creates a probe row, idempotently. */
@Path("/probe/idempotent")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IdempotentProbeResource {

  public record NewProbe(@NotBlank String name, Map<String, Object> extra) {}

  private final EntityManager em;

  public IdempotentProbeResource(EntityManager em) {
    this.em = em;
  }

  @POST
  @Idempotent
  @Transactional
  public Response create(
      @Valid @NotNull NewProbe probe, @HeaderParam("X-Fail") String fail, @Context UriInfo uri) {
    UUID id = UUID.randomUUID();
    em.createNativeQuery("insert into probe (id, name) values (cast(:id as uuid), :name)")
        .setParameter("id", id.toString())
        .setParameter("name", probe.name())
        .executeUpdate();
    if (fail != null) {
      throw ApiException.conflict("failing as asked, after the insert");
    }
    return Response.created(uri.getAbsolutePathBuilder().path(id.toString()).build())
        .entity(Map.of("id", id.toString(), "name", probe.name(), "secret", UUID.randomUUID()))
        .build();
  }

  /** How a service plugs the forgetting of its keys into housekeeping. */
  @ApplicationScoped
  public static class KeyRetention implements Purge {

    private final IdempotencyKeys keys;

    public KeyRetention(IdempotencyKeys keys) {
      this.keys = keys;
    }

    @Override
    public String name() {
      return "Idempotency-Keys";
    }

    @Override
    public int purge(Instant now) {
      return keys.forgetCreatedBefore(now.minus(Duration.ofDays(1)));
    }
  }
}
