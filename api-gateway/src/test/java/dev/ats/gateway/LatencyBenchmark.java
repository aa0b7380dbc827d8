package dev.ats.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the gateway adds to a request at low load: sequential requests straight to a stub, then the
 * same requests through the gateway (anonymous, and with a JWT to verify), one connection each. Not
 * part of the default test run (tag {@code benchmark}); run it with
 *
 * <pre>
 * ./mvnw -B verify -pl api-gateway -am -Dtest=LatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgateway.excluded-test-groups=none
 * </pre>
 */
@QuarkusTest
@Tag("benchmark")
class LatencyBenchmark {

  private static final int WARMUP = 500;
  private static final int REQUESTS = 1_000;

  @TestHTTPResource("/api/v1/roles")
  URI throughGateway;

  @TestHTTPResource("/api/v1/applications")
  URI applicationsThroughGateway;

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void measureAddedLatency() throws Exception {
    URI direct = URI.create("http://127.0.0.1:" + ServiceStubs.port("roles") + "/api/v1/roles");
    URI directApplications =
        URI.create(
            "http://127.0.0.1:" + ServiceStubs.port("applications") + "/api/v1/applications");
    String token = TestTokens.recruiter();

    long[] stub = run(direct, null);
    long[] gateway = run(throughGateway, null);
    long[] stubAuth = run(directApplications, token);
    long[] gatewayAuth = run(applicationsThroughGateway, token);

    System.out.printf(
        "%n=== gateway latency, %d sequential requests each (after %d warm-up) ===%n",
        REQUESTS, WARMUP);
    report("direct to stub, GET /api/v1/roles", stub);
    report("via gateway, GET /api/v1/roles (anonymous)", gateway);
    report("direct to stub, GET /api/v1/applications", stubAuth);
    report("via gateway, GET /api/v1/applications (JWT)", gatewayAuth);
    System.out.printf(
        "added: anonymous median %.3f ms, p99 %.3f ms; with JWT median %.3f ms, p99 %.3f ms%n",
        ms(percentile(gateway, 50) - percentile(stub, 50)),
        ms(percentile(gateway, 99) - percentile(stub, 99)),
        ms(percentile(gatewayAuth, 50) - percentile(stubAuth, 50)),
        ms(percentile(gatewayAuth, 99) - percentile(stubAuth, 99)));
  }

  private long[] run(URI uri, String token) throws Exception {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).GET();
    if (token != null) {
      builder.header("Authorization", token);
    }
    HttpRequest request = builder.build();
    for (int i = 0; i < WARMUP; i++) {
      client.send(request, HttpResponse.BodyHandlers.discarding());
    }
    ServiceStubs.clear();
    long[] nanos = new long[REQUESTS];
    for (int i = 0; i < REQUESTS; i++) {
      long start = System.nanoTime();
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      nanos[i] = System.nanoTime() - start;
      assertThat(response.statusCode()).isEqualTo(200);
    }
    ServiceStubs.clear();
    Arrays.sort(nanos);
    return nanos;
  }

  private static void report(String what, long[] sorted) {
    System.out.printf(
        "%-48s median %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms%n",
        what,
        ms(percentile(sorted, 50)),
        ms(percentile(sorted, 90)),
        ms(percentile(sorted, 99)),
        ms(sorted[sorted.length - 1]));
  }

  private static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1_000_000.0;
  }
}
