package dev.ats.gateway.http;

import dev.ats.gateway.config.GatewayConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How large a request body may be ({@code ats.gateway.body-limit.*}): the documents' limit on
 * exactly {@code POST /api/v1/documents} and on the careers page's application form ({@code POST
 * /careers/{roleId}}, multipart with the résumé), the general one (1 MiB) everywhere else.
 */
@ApplicationScoped
public class BodyLimits {

  public static final String UPLOAD_PATH = "/api/v1/documents";

  /** The careers page's apply form: {@code /careers/} and one role id, nothing else below it. */
  public static final java.util.regex.Pattern CAREERS_APPLY_PATH =
      java.util.regex.Pattern.compile(
          "/careers/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final long general;
  private final long upload;

  public BodyLimits(GatewayConfig config) {
    this.general = config.bodyLimit().maxBytes();
    this.upload = config.bodyLimit().documentsMaxBytes();
  }

  public long limitFor(HttpServerRequest request) {
    return request.method() == HttpMethod.POST && isUpload(request.path()) ? upload : general;
  }

  static boolean isUpload(String path) {
    return UPLOAD_PATH.equals(path) || (path != null && CAREERS_APPLY_PATH.matcher(path).matches());
  }
}
