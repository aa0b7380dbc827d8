package dev.ats.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bodies sent without a length (chunked) are held to the same 1 MB limit. */
@QuarkusTest
class ChunkedBodyTest {

  @TestHTTPResource("/api/v1/applications")
  URI submit;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @BeforeEach
  void clear() {
    ServiceStubs.clear();
  }

  @Test
  void shouldForwardAChunkedBodyUnder1Mb() throws Exception {
    byte[] body = new byte[900 * 1024];

    HttpResponse<String> response =
        client.send(chunked(body), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getInteger("bodyLength")).isEqualTo(body.length);
    assertThat(ServiceStubs.received().get(0).body().length()).isEqualTo(body.length);
  }

  @Test
  void shouldRefuseAChunkedBodyOver1MbWith413Problem() throws Exception {
    HttpResponse<String> response =
        client.send(chunked(new byte[2 * 1024 * 1024]), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(new JsonObject(response.body()).getString("type"))
        .isEqualTo("https://ats.dev/problems/content-too-large");
    assertThat(ServiceStubs.received()).isEmpty();
  }

  private HttpRequest chunked(byte[] body) {
    return HttpRequest.newBuilder(submit)
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/json")
        // An InputStream publisher has no known length, so the client sends it chunked.
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
        .build();
  }
}
