package dev.ats.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ats.platform.idempotency.IdempotencyKeys.StoredResponse;
import dev.ats.web.error.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Replays the response of an {@link Idempotent} method for a repeated {@code Idempotency-Key}. It
 * runs before the method's own transactional services, in one transaction that claims the key, runs
 * the method and keeps its response, so the response is kept if and only if the method's effects
 * were committed.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class IdempotencyInterceptor {

  public static final String HEADER = "Idempotency-Key";
  public static final int MAX_KEY_LENGTH = 200;

  private final HttpHeaders headers;
  private final IdempotencyKeys keys;
  private final ObjectMapper json;
  private final ObjectMapper canonicalJson;

  @Inject
  public IdempotencyInterceptor(HttpHeaders headers, IdempotencyKeys keys, ObjectMapper json) {
    this.headers = headers;
    this.keys = keys;
    this.json = json;
    this.canonicalJson =
        json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  }

  @AroundInvoke
  Object replayOrProceed(InvocationContext invocation) throws Exception {
    String key = headers.getHeaderString(HEADER);
    if (key == null) {
      return invocation.proceed();
    }
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw ApiException.badRequest(HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters");
    }
    String requestHash = requestHash(invocation);
    try {
      return QuarkusTransaction.joiningExisting()
          .call(
              () -> {
                Optional<StoredResponse> original = keys.claim(key, requestHash);
                if (original.isPresent()) {
                  return replay(original.get());
                }
                return keep(key, invocation.getMethod(), invocation.proceed());
              });
    } catch (QuarkusTransactionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private Response keep(String key, Method method, Object result) throws JsonProcessingException {
    if (!(result instanceof Response response)) {
      throw new IllegalStateException("@Idempotent " + method + " must return a Response");
    }
    String body = json.writeValueAsString(response.getEntity());
    URI location = response.getLocation();
    keys.complete(
        key,
        new StoredResponse(
            response.getStatus(), location == null ? null : location.toString(), body),
        location == null ? null : lastSegment(location));
    return Response.fromResponse(response).entity(body).type(MediaType.APPLICATION_JSON).build();
  }

  private static Response replay(StoredResponse stored) {
    Response.ResponseBuilder response =
        Response.status(stored.status()).type(MediaType.APPLICATION_JSON).entity(stored.body());
    if (stored.location() != null) {
      response.location(URI.create(stored.location()));
    }
    return response.build();
  }

  /** SHA-256 of the request body as the method received it, with map keys sorted. */
  private String requestHash(InvocationContext invocation) throws JsonProcessingException {
    Object body = requestBody(invocation.getMethod(), invocation.getParameters());
    return HexFormat.of().formatHex(IdempotencyKeys.sha256(canonicalJson.writeValueAsString(body)));
  }

  /** The one parameter that JAX-RS fills from the body: the one without a JAX-RS annotation. */
  static Object requestBody(Method method, Object[] arguments) {
    Annotation[][] annotations = method.getParameterAnnotations();
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < arguments.length; i++) {
      if (!isJaxRs(types[i].getPackageName())
          && java.util.Arrays.stream(annotations[i])
              .noneMatch(a -> isJaxRs(a.annotationType().getPackageName()))) {
        return arguments[i];
      }
    }
    return null;
  }

  private static boolean isJaxRs(String packageName) {
    return packageName.startsWith("jakarta.ws.rs")
        || packageName.startsWith("org.jboss.resteasy.reactive")
        || packageName.startsWith("io.vertx");
  }

  private static String lastSegment(URI location) {
    String path = location.getPath() == null ? "" : location.getPath().replaceAll("/+$", "");
    String segment = path.substring(path.lastIndexOf('/') + 1);
    return segment.isEmpty() ? null : segment;
  }
}
