package dev.ats.applications.service;

import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.ApplicationRepository;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Finding one application, the same way for every service: 404 when it is not there. */
@ApplicationScoped
public class ApplicationLookup {

  private final ApplicationRepository applications;

  public ApplicationLookup(ApplicationRepository applications) {
    this.applications = applications;
  }

  public Application existing(UUID id) {
    return applications.findByIdOptional(id).orElseThrow(() -> notFound(id));
  }

  /** The application, locked for a change until the transaction ends. */
  public Application forUpdate(UUID id) {
    return applications.findForUpdate(id).orElseThrow(() -> notFound(id));
  }

  /**
   * The application, for a candidate presenting its access token ({@code forUpdate}: locked). A
   * wrong token is answered exactly like an unknown id (404), so a token never reveals whether
   * another application exists; the token is compared in constant time either way.
   */
  public Application withToken(UUID id, String token, boolean forUpdate) {
    Optional<Application> found =
        forUpdate ? applications.findForUpdate(id) : applications.findByIdOptional(id);
    Application app = found.orElse(null);
    boolean matches = AccessTokens.matches(token, app == null ? new byte[32] : app.accessTokenHash);
    if (app == null || !matches) {
      throw notFound(id);
    }
    return app;
  }

  static ApiException notFound(UUID id) {
    return ApiException.notFound("Application", id);
  }
}
