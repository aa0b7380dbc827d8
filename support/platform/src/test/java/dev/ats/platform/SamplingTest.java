package dev.ats.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How many traces are kept is a run-time setting (QUARKUS_OTEL_TRACES_SAMPLER_ARG, 0.1 in
 * Kubernetes), and a service follows its caller's decision whatever its own ratio: a request the
 * gateway sampled is traced whole.
 */
@QuarkusTest
@TestProfile(SamplingTest.KeepNoNewTraces.class)
class SamplingTest {

  public static class KeepNoNewTraces implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.otel.sdk.disabled", "false",
          "quarkus.otel.traces.sampler.arg", "0.0",
          "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:9",
          "quarkus.log.category.\"io.opentelemetry\".level", "OFF");
    }
  }

  @Inject Tracer tracer;

  @Test
  void shouldStartNoTraceOfItsOwnAtARatioOfZero() {
    Span root = tracer.spanBuilder("root").startSpan();
    try {
      assertThat(root.getSpanContext().isSampled()).isFalse();
    } finally {
      root.end();
    }
  }

  @Test
  void shouldFollowACallerThatSampledTheTrace() {
    SpanContext caller =
        SpanContext.createFromRemoteParent(
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            TraceFlags.getSampled(),
            TraceState.getDefault());
    Span child =
        tracer.spanBuilder("child").setParent(Context.root().with(Span.wrap(caller))).startSpan();
    try {
      assertThat(child.getSpanContext().isSampled()).isTrue();
      assertThat(child.getSpanContext().getTraceId()).isEqualTo(caller.getTraceId());
    } finally {
      child.end();
    }
  }
}
