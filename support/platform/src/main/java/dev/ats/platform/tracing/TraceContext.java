package dev.ats.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C {@code traceparent} that carries a trace across the outbox and Kafka: {@link
 * dev.ats.platform.outbox.Outbox} keeps the writing transaction's in the event row, {@link
 * dev.ats.platform.outbox.OutboxRelay} puts it on the record as the {@value #HEADER} header, and
 * {@link dev.ats.platform.events.EventConsumer} continues the trace from it.
 */
public final class TraceContext {

  /** The Kafka record header (and outbox column) holding the W3C trace context. */
  public static final String HEADER = "traceparent";

  /** The span attribute that records the request's {@code X-Request-Id}. */
  public static final String REQUEST_ID_ATTRIBUTE = "ats.request_id";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapSetter<Map<String, String>> SETTER = Map::put;

  private static final TextMapGetter<String> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
          return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
          return HEADER.equals(key) ? carrier : null;
        }
      };

  private TraceContext() {}

  /** The current span's {@code traceparent}, or null when no span is recording a trace. */
  public static String current() {
    if (!Span.current().getSpanContext().isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(Context.current(), carrier, SETTER);
    return carrier.get(HEADER);
  }

  /** The remote span context a {@code traceparent} names (invalid if it is null or malformed). */
  public static SpanContext parent(String traceparent) {
    if (traceparent == null || traceparent.isBlank()) {
      return SpanContext.getInvalid();
    }
    return Span.fromContext(W3C.extract(Context.root(), traceparent, GETTER)).getSpanContext();
  }
}
