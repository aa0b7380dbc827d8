package dev.ats.gateway;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.builder.ResponseSpecBuilder;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.ResponseSpecification;

/** What the gateway's tests share: client settings for waiting, and what a problem answer is. */
final class Fixtures {

  private Fixtures() {}

  /** Gives up reading after {@code seconds}: the gateway must have answered by then. */
  static RestAssuredConfig patience(int seconds) {
    return RestAssured.config()
        .httpClient(
            HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", seconds * 1000)
                .setParam("http.socket.timeout", seconds * 1000));
  }

  /**
   * An {@code application/problem+json} answer with this status, type ({@code
   * https://ats.dev/problems/<slug>}), title and the same {@code status} member.
   */
  static ResponseSpecification problem(int status, String slug, String title) {
    return new ResponseSpecBuilder()
        .expectStatusCode(status)
        .expectContentType("application/problem+json")
        .expectBody("type", equalTo("https://ats.dev/problems/" + slug))
        .expectBody("title", equalTo(title))
        .expectBody("status", equalTo(status))
        .build();
  }
}
