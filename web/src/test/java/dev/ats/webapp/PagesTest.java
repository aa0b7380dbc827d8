package dev.ats.webapp;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * What web answers on its own, without the gateway behind it (the pages with data are tested in a
 * real browser against the whole system: system-tests' WebSystemTest).
 */
@QuarkusTest
class PagesTest {

  @Test
  void shouldSendTheSecurityHeadersOnEveryPage() {
    given()
        .get("/careers")
        .then()
        .statusCode(200)
        .header("Content-Security-Policy", containsString("script-src 'self';"))
        .header("Content-Security-Policy", endsWith("frame-ancestors 'none'"))
        .header("Content-Security-Policy", not(containsString("unsafe-inline")))
        .header("X-Frame-Options", equalTo("DENY"))
        .header("Referrer-Policy", equalTo("same-origin"))
        .header("X-Content-Type-Options", equalTo("nosniff"))
        // no gateway behind it in this test: the page says so instead of failing
        .body(containsString("not available right now"));
  }

  @Test
  void shouldLetOnlyEmbedPagesBeFramedByTheConfiguredOrigins() {
    given()
        .get("/careers?embed=1")
        .then()
        .statusCode(200)
        .header("Content-Security-Policy", endsWith("frame-ancestors https://careers.example.test"))
        .header("X-Frame-Options", nullValue())
        .body(not(containsString("<header")));
  }

  @Test
  void shouldServeHtmxFromItsOwnJar() {
    given()
        .get("/webjars/htmx.org/2.0.4/dist/htmx.min.js")
        .then()
        .statusCode(200)
        .header("X-Content-Type-Options", equalTo("nosniff"));
  }

  @Test
  void shouldTakeTheApplicationFormAsMultipartWithAResume() {
    // no gateway behind it here: the role is not found, but the multipart form itself is taken
    given()
        .multiPart("candidate.firstName", "Ada")
        .multiPart("resume", "cv.pdf", "%PDF-1.7".getBytes(), "application/pdf")
        .post("/careers/0b6f6a3e-5d43-4a8e-9a57-2f1f2f4c1d10")
        .then()
        .statusCode(404);
  }

  @Test
  void shouldSendAnonymousVisitorsOfADocumentToSignIn() {
    given()
        .redirects()
        .follow(false)
        .get(
            "/board/applications/0b6f6a3e-5d43-4a8e-9a57-2f1f2f4c1d10/documents/"
                + "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/board/sign-in"));
  }

  @Test
  void shouldSendAnonymousVisitorsOfTheBoardToSignIn() {
    given()
        .redirects()
        .follow(false)
        .get("/board")
        .then()
        .statusCode(303)
        .header("Location", endsWith("/board/sign-in"));
  }

  @Test
  void shouldRefuseTheDevSignInUnlessItIsEnabled() {
    given()
        .formParam("name", "mallory")
        .formParam("group", "recruiter")
        .post("/board/sign-in")
        .then()
        .statusCode(403)
        .header("Set-Cookie", nullValue())
        .body(containsString("turned off"));
  }

  @Test
  void shouldRefuseABoardFormWithoutTheSessionsCsrfToken() {
    given()
        .cookie("ats_board", "forged")
        .formParam("version", "1")
        .formParam("to", "SCREENING")
        .redirects()
        .follow(false)
        .post("/board/applications/00000000-0000-0000-0000-000000000001/move")
        .then()
        // a cookie that is not ours is no session: sign in first, nothing is sent to the API
        .statusCode(303)
        .header("Location", endsWith("/board/sign-in"));
  }
}
