package dev.ats.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OpenTelemetry collector in the test JVM: it accepts OTLP/HTTP protobuf trace exports ({@code
 * POST /v1/traces}) from the services and keeps every span, so that a test can follow one trace
 * through the system. It reads the few fields it needs straight from the protobuf wire format
 * (opentelemetry-proto's ExportTraceServiceRequest), so it needs no generated classes.
 */
final class OtlpReceiver {

  /** One span as a service exported it. */
  record ExportedSpan(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      int kind,
      Map<String, String> attributes,
      List<String> linkedTraceIds) {}

  private final HttpServer server;
  private final List<ExportedSpan> spans = new CopyOnWriteArrayList<>();

  OtlpReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::receive);
    server.start();
  }

  /** The endpoint to give {@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** What each service is given to export every trace here, quickly. */
  Map<String, String> settings() {
    return Map.of(
        "QUARKUS_OTEL_SDK_DISABLED", "false",
        "QUARKUS_OTEL_TRACES_SAMPLER_ARG", "1.0",
        "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
        "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", endpoint(),
        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "PT0.5S");
  }

  List<ExportedSpan> spans() {
    return List.copyOf(spans);
  }

  /** Spans of this trace, and spans linked to it (the outbox relay's publication). */
  List<ExportedSpan> ofTrace(String traceId) {
    return spans.stream()
        .filter(s -> s.traceId().equals(traceId) || s.linkedTraceIds().contains(traceId))
        .toList();
  }

  void stop() {
    server.stop(0);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      InputStream body = exchange.getRequestBody();
      if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
        body = new GZIPInputStream(body);
      }
      byte[] request = body.readAllBytes();
      try {
        spans.addAll(parse(request));
      } catch (RuntimeException e) {
        System.err.println("OTLP receiver: unreadable export: " + e);
      }
      // An empty ExportTraceServiceResponse.
      exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, 0);
    }
  }

  // --- the protobuf wire format, as far as traces need it ---------------------------------------

  private record Field(int number, long varint, byte[] bytes) {}

  private static List<Field> fields(byte[] message) {
    List<Field> fields = new ArrayList<>();
    Reader in = new Reader(message);
    while (in.more()) {
      long tag = in.varint();
      int number = (int) (tag >>> 3);
      int wire = (int) (tag & 7);
      switch (wire) {
        case 0 -> fields.add(new Field(number, in.varint(), null));
        case 1 -> fields.add(new Field(number, 0, in.bytes(8)));
        case 2 -> fields.add(new Field(number, 0, in.bytes((int) in.varint())));
        case 5 -> fields.add(new Field(number, 0, in.bytes(4)));
        default -> throw new IllegalStateException("wire type " + wire);
      }
    }
    return fields;
  }

  private static final class Reader {
    private final ByteArrayInputStream in;

    Reader(byte[] bytes) {
      in = new ByteArrayInputStream(bytes);
    }

    boolean more() {
      return in.available() > 0;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = in.read();
        if (b < 0) {
          throw new IllegalStateException("truncated varint");
        }
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalStateException("varint too long");
    }

    byte[] bytes(int n) {
      byte[] b = new byte[n];
      if (n > 0 && in.read(b, 0, n) != n) {
        throw new IllegalStateException("truncated field");
      }
      return b;
    }
  }

  /** ExportTraceServiceRequest: resource_spans = 1. */
  private static List<ExportedSpan> parse(byte[] request) {
    List<ExportedSpan> result = new ArrayList<>();
    for (Field resourceSpans : fields(request)) {
      if (resourceSpans.number() != 1) {
        continue;
      }
      // ResourceSpans: resource = 1 (attributes = 1), scope_spans = 2 (spans = 2).
      String service = null;
      List<byte[]> spans = new ArrayList<>();
      for (Field f : fields(resourceSpans.bytes())) {
        if (f.number() == 1) {
          service = attributes(f.bytes(), 1).get("service.name");
        } else if (f.number() == 2) {
          for (Field s : fields(f.bytes())) {
            if (s.number() == 2) {
              spans.add(s.bytes());
            }
          }
        }
      }
      for (byte[] span : spans) {
        result.add(span(service, span));
      }
    }
    return result;
  }

  /**
   * Span: trace_id 1, span_id 2, parent_span_id 4, name 5, kind 6, attributes 9, links 13 (trace_id
   * 1).
   */
  private static ExportedSpan span(String service, byte[] span) {
    String traceId = "";
    String spanId = "";
    String parent = "";
    String name = "";
    int kind = 0;
    List<String> links = new ArrayList<>();
    for (Field f : fields(span)) {
      switch (f.number()) {
        case 1 -> traceId = HexFormat.of().formatHex(f.bytes());
        case 2 -> spanId = HexFormat.of().formatHex(f.bytes());
        case 4 -> parent = HexFormat.of().formatHex(f.bytes());
        case 5 -> name = new String(f.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        case 6 -> kind = (int) f.varint();
        case 13 -> {
          for (Field l : fields(f.bytes())) {
            if (l.number() == 1) {
              links.add(HexFormat.of().formatHex(l.bytes()));
            }
          }
        }
        default -> {}
      }
    }
    return new ExportedSpan(
        service, traceId, spanId, parent, name, kind, attributes(span, 9), List.copyOf(links));
  }

  /** The KeyValue fields numbered {@code field}: key 1, value 2 (AnyValue: string 1, int 3). */
  private static Map<String, String> attributes(byte[] message, int field) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Field f : fields(message)) {
      if (f.number() != field) {
        continue;
      }
      String key = null;
      String value = null;
      for (Field kv : fields(f.bytes())) {
        if (kv.number() == 1) {
          key = new String(kv.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        } else if (kv.number() == 2) {
          for (Field any : fields(kv.bytes())) {
            if (any.number() == 1) {
              value = new String(any.bytes(), java.nio.charset.StandardCharsets.UTF_8);
            } else if (any.number() == 2 || any.number() == 3) {
              value = String.valueOf(any.varint());
            }
          }
        }
      }
      if (key != null) {
        attributes.put(key, value);
      }
    }
    return attributes;
  }
}
