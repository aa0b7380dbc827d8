package dev.ats.gateway.http;

import dev.ats.web.http.RequestIds;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.MDC;

/**
 * ats-web's {@link RequestIds} rule on the gateway's Vert.x routes: the id is kept if the caller
 * sent a sane one and generated if not ({@link RequestIds#keepOrCreate}), then forwarded to the
 * service, returned to the caller and put in the logging context, so one id follows a request
 * everywhere.
 *
 * <p>Most callers send none, so the gateway makes most ids: a random (version 4) UUID like {@link
 * UUID#randomUUID()}'s, but drawn from {@link ThreadLocalRandom} instead of the shared {@code
 * SecureRandom} (a lock and a digest per id on every request). A request id names a request; it is
 * no secret and grants nothing, so it need not be unpredictable, only unique (122 random bits).
 */
public final class VertxRequestIds {

  /** The header name, encoded once. */
  public static final CharSequence HEADER = HttpHeaders.createOptimized(RequestIds.HEADER);

  private VertxRequestIds() {}

  /** Assigns the request's id (once), returns it on the response and logs with it. */
  public static String assign(RoutingContext rc) {
    String id = rc.get(RequestIds.MDC_KEY);
    if (id == null) {
      String sent = rc.request().getHeader(HEADER);
      id = sent == null ? newId() : RequestIds.keepOrCreate(sent);
      rc.put(RequestIds.MDC_KEY, id);
      rc.response().putHeader(HEADER, id);
    }
    MDC.put(RequestIds.MDC_KEY, id);
    return id;
  }

  /** The id assigned to this request, or null before {@link #assign}. */
  public static String of(RoutingContext rc) {
    return rc.get(RequestIds.MDC_KEY);
  }

  /** A new random version 4 UUID, as text. */
  static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long most = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // IETF
    return new UUID(most, least).toString();
  }
}
