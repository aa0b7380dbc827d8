package dev.ats.gateway;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/** Client settings for tests about waiting: a hang fails the test instead of stalling the build. */
final class Clients {

  private Clients() {}

  /** Gives up reading after {@code seconds}: the gateway must have answered by then. */
  static RestAssuredConfig patience(int seconds) {
    return RestAssured.config()
        .httpClient(
            HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", seconds * 1000)
                .setParam("http.socket.timeout", seconds * 1000));
  }
}
