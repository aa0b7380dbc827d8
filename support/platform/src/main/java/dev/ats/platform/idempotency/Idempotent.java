package dev.ats.platform.idempotency;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a JAX-RS resource method safe to retry with an {@code Idempotency-Key} header (1 to 200
 * characters). The first request with a key runs and its response (status, {@code Location} and
 * JSON body) is kept; a retry with the same key and the same body (compared after parsing: the
 * request record serialised with sorted map keys, so whitespace and key order do not matter) gets
 * that response again and nothing else happens; the same key with another body is a 422. Concurrent
 * retries with one key run once: the others wait for the first and replay its response. A request
 * that fails leaves no trace, so it can be retried with its key. Without the header the method runs
 * as usual.
 *
 * <p>The method must return a {@link jakarta.ws.rs.core.Response} whose entity is serialisable as
 * JSON; its one parameter without a JAX-RS annotation is the request body. It runs in one
 * transaction with the key's row, which the service keeps in its own database ({@link
 * IdempotencyKeys} tells which table); forgetting old keys is the service's {@link
 * dev.ats.platform.housekeeping.Purge} ({@link IdempotencyKeys#forgetCreatedBefore}).
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {}
