package dev.ats.gateway.http;

import dev.ats.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How large a request body may be ({@code ats.gateway.body-limit.*}): the documents' limit on
 * exactly {@code POST /api/v1/documents}, the general one (1 MiB) everywhere else.
 */
@ApplicationScoped
public class BodyLimits {

  public static final String UPLOAD_PATH = "/api/v1/documents";

  private final long general;
  private final long upload;

  public BodyLimits(GatewayConfig config) {
    this.general = config.bodyLimit().maxBytes();
    this.upload = config.bodyLimit().documentsMaxBytes();
  }

  public long limitFor(HttpServerRequest request) {
    return request.method() == HttpMethod.POST && UPLOAD_PATH.equals(request.path())
        ? upload
        : general;
  }
}
