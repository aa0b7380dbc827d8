package dev.ats.webapp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.http.Route;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;

/**
 * Signing in to the board: with OpenID Connect (the authorization code flow against a real
 * OAuth2/OIDC provider in this JVM, mock-oauth2-server), the provider's access token becomes the
 * token web calls the gateway with; the dev sign-in and sign-out forms carry CSRF tokens; and every
 * API call names the visitor's address. The gateway is a stub recording what web sent.
 */
@QuarkusTest
@TestProfile(SignInTest.WithAProviderAndTheDevSignIn.class)
class SignInTest {

  static final String ISSUER_ID = "ats";
  static final String CLIENT_ID = "ats-web";

  /** The provider and the stub gateway, started before web. */
  public static class Provider implements QuarkusTestResourceLifecycleManager {
    static MockOAuth2Server server;

    @Override
    public Map<String, String> start() {
      server = new MockOAuth2Server(new Route[0]);
      server.start();
      return Map.of(
          "quarkus.oidc.tenant-enabled",
          "true",
          "quarkus.oidc.auth-server-url",
          server.issuerUrl(ISSUER_ID).toString(),
          "quarkus.oidc.client-id",
          CLIENT_ID,
          "quarkus.oidc.credentials.secret",
          "a-client-secret-for-the-test-provider-only",
          "ats.web.gateway-url",
          StubGateway.start());
    }

    @Override
    public void stop() {
      if (server != null) {
        server.shutdown();
      }
    }
  }

  public static class WithAProviderAndTheDevSignIn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ats.web.dev-sign-in.enabled", "true",
          "ats.web.dev-sign-in.private-key-location", testPrivateKey().toString(),
          "ats.web.session.secure", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(Provider.class));
    }
  }

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldSignInWithTheProvidersCodeFlowAndCallTheGatewayWithItsAccessToken() throws Exception {
    theProviderSignsIn("rita-oidc", "Rita Recruiter", "recruiter");
    Map<String, String> cookies = new HashMap<>();

    Response signedIn = signInWithTheProvider(cookies);

    signedIn
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body(containsString("Rita Recruiter"))
        .body(containsString("http-equiv=\"refresh\" content=\"0;url=/board\""));
    assertThat(signedIn.detailedCookie("ats_board").getValue()).isNotBlank();
    assertThat(signedIn.detailedCookie("ats_board").isHttpOnly()).isTrue();
    assertThat(signedIn.detailedCookie("ats_board").getSameSite()).isEqualTo("Strict");
    assertThat(signedIn.detailedCookie("q_session").getMaxAge())
        .as("Quarkus' own session cookie is removed: one session, the board's")
        .isZero();

    String requestId = java.util.UUID.randomUUID().toString();
    given()
        .cookie("ats_board", cookies.get("ats_board"))
        .header("X-Request-Id", requestId)
        .get("/board")
        .then()
        .statusCode(200)
        .body(containsString("Rita Recruiter (Recruiter)"));

    StubGateway.Call call =
        StubGateway.calls().stream()
            .filter(c -> requestId.equals(c.header("X-Request-Id")))
            .findFirst()
            .orElseThrow();
    String token = call.header("Authorization").substring("Bearer ".length());
    JsonNode claims = claims(token);
    assertThat(claims.path("iss").asText())
        .isEqualTo(Provider.server.issuerUrl(ISSUER_ID).toString());
    assertThat(claims.path("sub").asText()).isEqualTo("rita-oidc");
    assertThat(claims.path("groups").get(0).asText()).isEqualTo("recruiter");
  }

  @Test
  void shouldSignOutAtTheProviderTooAfterAnOidcSignIn() throws Exception {
    theProviderSignsIn("hank-oidc", "Hank Manager", "hiring-manager");
    Map<String, String> cookies = new HashMap<>();
    signInWithTheProvider(cookies).then().statusCode(200);
    String board =
        given()
            .cookie("ats_board", cookies.get("ats_board"))
            .get("/board")
            .then()
            .extract()
            .asString();
    assertThat(board).contains("Hank Manager (Hiring manager)");

    Response signedOut =
        given()
            .cookie("ats_board", cookies.get("ats_board"))
            .formParam("csrf", csrf(board))
            .redirects()
            .follow(false)
            .post("/board/sign-out");

    // a page that goes on to the provider (form-action 'self' would stop a redirect there)
    signedOut.then().statusCode(200);
    assertThat(signedOut.detailedCookie("ats_board").getMaxAge()).isZero();
    Matcher refresh =
        Pattern.compile("http-equiv=\"refresh\" content=\"0;url=([^\"]+)\"")
            .matcher(signedOut.asString());
    assertThat(refresh.find()).isTrue();
    URI logout = URI.create(refresh.group(1).replace("&amp;", "&"));
    assertThat(logout.toString())
        .startsWith(Provider.server.endSessionEndpointUrl(ISSUER_ID).toString());
    Map<String, String> query = query(logout);
    assertThat(query.get("client_id")).isEqualTo(CLIENT_ID);
    assertThat(query.get("post_logout_redirect_uri")).endsWith("/board/sign-in");
    // The provider sends the browser back to the sign-in page.
    Response back = given().urlEncodingEnabled(false).redirects().follow(false).get(logout);
    assertThat(back.statusCode()).isBetween(301, 303);
    assertThat(back.header("Location")).startsWith(query.get("post_logout_redirect_uri"));
  }

  @Test
  void shouldRefuseAProviderUserInNeitherBoardGroup() throws Exception {
    theProviderSignsIn("ivan-oidc", "Ivan", "integration");

    Response refused = signInWithTheProvider(new HashMap<>());

    refused.then().statusCode(403).body(containsString("neither the recruiter nor"));
    assertThat(refused.detailedCookie("ats_board")).isNull();
  }

  @Test
  void shouldOfferBothSignInsWithACsrfTokenOnTheDevForm() {
    Response page = given().get("/board/sign-in");
    page.then()
        .statusCode(200)
        .body(containsString("href=\"/board/sign-in/oidc\""))
        .body(containsString("name=\"csrf\""));
    assertThat(page.detailedCookie("ats_sign_in").isHttpOnly()).isTrue();
    assertThat(page.detailedCookie("ats_sign_in").getSameSite()).isEqualTo("Strict");
  }

  @Test
  void shouldRefuseTheDevSignInWithoutItsFormsCsrfToken() {
    // Another site's form posting a sign-in (login CSRF): no token, or a token of another cookie.
    given()
        .formParam("name", "mallory")
        .formParam("group", "recruiter")
        .redirects()
        .follow(false)
        .post("/board/sign-in")
        .then()
        .statusCode(403)
        .header("Set-Cookie", org.hamcrest.Matchers.not(containsString("ats_board")));
    Response page = given().get("/board/sign-in");
    given()
        .cookie("ats_sign_in", "another-browsers-cookie")
        .formParam("name", "mallory")
        .formParam("group", "recruiter")
        .formParam("csrf", csrf(page.asString()))
        .redirects()
        .follow(false)
        .post("/board/sign-in")
        .then()
        .statusCode(403);
  }

  @Test
  void shouldSignOutOnlyWithTheSessionsCsrfToken() {
    String session = devSignIn("rita");
    String board = given().cookie("ats_board", session).get("/board").then().extract().asString();

    given()
        .cookie("ats_board", session)
        .redirects()
        .follow(false)
        .post("/board/sign-out")
        .then()
        .statusCode(403);
    given().cookie("ats_board", session).get("/board").then().statusCode(200);

    Response signedOut =
        given()
            .cookie("ats_board", session)
            .formParam("csrf", csrf(board))
            .redirects()
            .follow(false)
            .post("/board/sign-out");
    signedOut.then().statusCode(303).header("Location", endsWith("/board/sign-in"));
    assertThat(signedOut.detailedCookie("ats_board").getMaxAge()).isZero();
  }

  @Test
  void shouldNameTheVisitorsAddressOnEveryApiCall() {
    // The gateway in front of web (a trusted proxy: loopback here) names the visitor.
    String requestId = java.util.UUID.randomUUID().toString();
    given()
        .header("X-Forwarded-For", "198.51.100.23")
        .header("X-Request-Id", requestId)
        .get("/careers")
        .then()
        .statusCode(200);
    String boardRequest = java.util.UUID.randomUUID().toString();
    given()
        .cookie("ats_board", devSignIn("rita"))
        .header("X-Forwarded-For", "198.51.100.24")
        .header("X-Request-Id", boardRequest)
        .get("/board")
        .then()
        .statusCode(200);
    String direct = java.util.UUID.randomUUID().toString();
    given().header("X-Request-Id", direct).get("/careers").then().statusCode(200);

    assertThat(forwardedFor(requestId)).containsOnly("198.51.100.23");
    assertThat(forwardedFor(boardRequest)).containsOnly("198.51.100.24");
    assertThat(forwardedFor(direct)).containsOnly("127.0.0.1");
  }

  // --- helpers -----------------------------------------------------------------------------

  /** The next tokens the provider issues: for {@code subject}, named so, in {@code group}. */
  private static void theProviderSignsIn(String subject, String name, String group) {
    Provider.server.enqueueCallback(
        new DefaultOAuth2TokenCallback(
            ISSUER_ID,
            subject,
            "JWT",
            List.of(CLIENT_ID),
            Map.of("groups", List.of(group), "name", name),
            3600));
  }

  private static List<String> forwardedFor(String requestId) {
    List<String> seen =
        StubGateway.calls().stream()
            .filter(c -> requestId.equals(c.header("X-Request-Id")))
            .map(c -> c.header("X-Forwarded-For"))
            .toList();
    assertThat(seen).isNotEmpty();
    return seen;
  }

  /** The dev sign-in as the browser does it: the form's page first (its cookie and token). */
  private static String devSignIn(String name) {
    Response page = given().get("/board/sign-in");
    Response signedIn =
        given()
            .cookie("ats_sign_in", page.cookie("ats_sign_in"))
            .formParam("name", name)
            .formParam("group", "recruiter")
            .formParam("csrf", csrf(page.asString()))
            .redirects()
            .follow(false)
            .post("/board/sign-in");
    signedIn.then().statusCode(303).header("Location", endsWith("/board"));
    return signedIn.cookie("ats_board");
  }

  /**
   * The code flow as a browser follows it, one redirect at a time with the cookies each answer
   * sets: web sends the visitor to the provider, the provider back with a code, web exchanges it
   * and comes back to the sign-in page, which opens the board's session.
   */
  private static Response signInWithTheProvider(Map<String, String> cookies) {
    Response toProvider = step(URI.create("/board/sign-in/oidc"), cookies);
    assertThat(toProvider.statusCode()).isEqualTo(302);
    URI authorize = URI.create(toProvider.header("Location"));
    assertThat(authorize.toString())
        .startsWith(Provider.server.issuerUrl(ISSUER_ID).toString())
        .contains("client_id=" + CLIENT_ID)
        .contains("response_type=code");

    // the URLs as the provider and web wrote them (already encoded): not encoded again
    Response withCode = given().urlEncodingEnabled(false).redirects().follow(false).get(authorize);
    assertThat(withCode.statusCode()).isEqualTo(302);
    URI callback = URI.create(withCode.header("Location"));
    assertThat(callback.getPath()).isEqualTo("/board/sign-in/oidc");
    assertThat(query(callback)).containsKeys("code", "state");

    Response afterExchange = step(callback, cookies);
    assertThat(afterExchange.statusCode()).isEqualTo(302);
    assertThat(cookies).containsKey("q_session");

    return step(URI.create(afterExchange.header("Location")), cookies);
  }

  private static Response step(URI uri, Map<String, String> cookies) {
    Response response =
        given()
            .urlEncodingEnabled(false)
            .cookies(Map.copyOf(cookies))
            .redirects()
            .follow(false)
            .get(uri.toString());
    response
        .detailedCookies()
        .forEach(
            c -> {
              if (c.getMaxAge() == 0 || c.getValue() == null || c.getValue().isEmpty()) {
                cookies.remove(c.getName());
              } else {
                cookies.put(c.getName(), c.getValue());
              }
            });
    return response;
  }

  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    assertThat(m.find()).as("a CSRF token in the page").isTrue();
    return m.group(1);
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> query = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(
          URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
    }
    return query;
  }

  private JsonNode claims(String jwt) throws IOException {
    return json.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  private static Path testPrivateKey() {
    try (InputStream in =
        SignInTest.class.getClassLoader().getResourceAsStream("ats-test-only-keys/private.pem")) {
      Path file = Files.createTempFile("ats-web-test-private", ".pem");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
