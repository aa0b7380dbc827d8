package dev.ats.gateway.upstream;

import dev.ats.gateway.config.GatewayConfig;
import dev.ats.gateway.http.Problems;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/** What the caller hears when a service cannot help: 502 if it is unreachable, 504 if silent. */
public final class UpstreamFailures {

  private static final Logger LOG = Logger.getLogger(UpstreamFailures.class);

  private UpstreamFailures() {}

  public static void answer(
      RoutingContext rc, Service service, GatewayConfig config, Throwable failure) {
    if (failure instanceof Upstreams.UnreachableService) {
      LOG.warnf("%s: %s", service.key(), failure.getMessage());
      Problems.badGateway(
          rc, "The " + service.key() + " service cannot be reached; try again shortly");
    } else if (causedBy(failure, TimeoutException.class)) {
      LOG.warnf("%s did not answer in time: %s", service.key(), failure.getMessage());
      Problems.send(
          rc,
          504,
          "gateway-timeout",
          "Gateway Timeout",
          "The "
              + service.key()
              + " service did not answer within "
              + service.timeout(config).toMillis()
              + " ms; try again shortly");
    } else {
      LOG.warnf(failure, "%s failed to answer", service.key());
      Problems.badGateway(
          rc, "The " + service.key() + " service failed to answer; try again shortly");
    }
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
