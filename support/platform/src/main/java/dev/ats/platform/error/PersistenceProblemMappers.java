package dev.ats.platform.error;

import static dev.ats.web.error.ProblemMappers.problem;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The problem details that only a service with a database needs: the web part ({@code ats-web},
 * {@link dev.ats.web.error.ProblemMappers}) knows nothing of Hibernate.
 */
public class PersistenceProblemMappers {

  @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
  public Response concurrentChange(RuntimeException e, UriInfo uri, HttpHeaders headers) {
    return problem(
        409,
        "concurrent-modification",
        "Conflict",
        "The resource was changed by another request at the same time; read it again and retry",
        uri,
        headers,
        null,
        Map.of());
  }
}
