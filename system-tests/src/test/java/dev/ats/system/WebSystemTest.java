package dev.ats.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.infra.test.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The careers page and the recruiter board in a real browser (headless Chromium through
 * /usr/bin/chromedriver), against the whole system as the other system tests run it, every page
 * through the gateway. One browser for the class; axe-core (npm, from clients/typescript) checks
 * each page for serious or critical WCAG 2.2 AA violations; screenshots go to target/screenshots/.
 * Without Chromium the class is skipped with a message, except in CI.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSystemTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private static SystemUnderTest system;
  private static ChromeDriver browser;
  private static Path screenshots;
  private static String axeSource;

  @BeforeAll
  static void startBrowser() throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present) {
      String message =
          "Chromium or chromedriver is missing (apt-get install chromium chromium-driver):"
              + " the browser tests are skipped";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(message + " — not allowed in CI");
      }
      System.out.println(message);
      Assumptions.abort(message);
    }
    system = SystemUnderTest.get();
    Path root = system.root;
    screenshots = root.resolve("system-tests/target/screenshots");
    Files.createDirectories(screenshots);
    axeSource =
        Files.readString(root.resolve("clients/typescript/node_modules/axe-core/axe.min.js"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toString());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1100,900",
        "--lang=en-GB");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  @Order(1)
  void shouldLetACandidateApplyFixErrorsAndWithdrawWithTheLink() throws IOException {
    String roleId = createAndOpenRole("Careers Intern " + RUN, 2, true);
    String email = "web-js." + RUN + "@candidates.ats.test";

    open("/careers?q=" + RUN);
    accessible("careers-list");
    browser.findElement(By.linkText("Careers Intern " + RUN)).click();
    assertThat(browser.findElement(By.cssSelector(".promise")).getText())
        .startsWith("You will hear from us by ");
    WebElement resumeInput = browser.findElement(By.id("f-documents"));
    assertThat(resumeInput.getAttribute("type")).isEqualTo("file");
    assertThat(resumeInput.getAttribute("required")).isNotNull();
    assertThat(resumeInput.getAttribute("accept")).isEqualTo(".pdf,.docx,.odt,.txt,.rtf");
    assertThat(browser.findElement(By.id("f-documents-hint")).getText())
        .isEqualTo("PDF, DOCX, ODT, TXT or RTF, up to 10 MB");
    accessible("careers-role");

    // no résumé, for a role that requires one: an error on the field like the others
    fillWrongly(email);
    submit(browser.findElement(By.cssSelector("form.apply button[type=submit]")));
    assertErrorsShownNextToTheirFields();
    assertThat(browser.findElement(By.id("f-documents-error")).getText()).contains("résumé");
    accessible("careers-form-errors");

    // an executable named .pdf: the upload's 415 on the résumé field, the rest of the form kept
    Path files = Files.createTempDirectory("web-resume");
    Path exe = Files.createDirectories(files.resolve("exe")).resolve("cv.pdf");
    Files.write(exe, Documents.exe());
    Path pdf = files.resolve("cv-" + RUN + ".pdf");
    Files.write(pdf, Documents.resume("Ada Lovelace, analytical engines " + RUN));
    browser.findElement(By.id("f-documents")).sendKeys(exe.toString());
    submit(browser.findElement(By.cssSelector("form.apply button[type=submit]")));
    WebElement refused = browser.findElement(By.id("f-documents"));
    assertThat(refused.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(refused.getAttribute("aria-describedby")).contains("f-documents-error");
    assertThat(browser.findElement(By.id("f-documents-error")).getText())
        .contains("PDF, DOCX, ODT, TXT or RTF")
        .contains("Choose the file again");
    assertThat(browser.findElement(By.id("f-candidate-firstName")).getAttribute("value"))
        .isEqualTo("Ada");
    accessible("careers-resume-refused");

    browser.findElement(By.id("f-documents")).sendKeys(pdf.toString());
    fixAndSubmitTwice(email);
    assertThat(browser.findElement(By.id("attached-resume")).getText())
        .contains("cv-" + RUN + ".pdf")
        .contains("PDF");
    String applicationId = applicationIds(roleId, email).get(0);
    confirmationAndWithdraw(roleId, email, "careers-confirmation");

    // the board lists the document and serves it as the API does
    signIn("rita.recruiter@ats.test", "recruiter");
    open("/board/applications/" + applicationId);
    WebElement documents = browser.findElement(By.id("documents"));
    assertThat(documents.getText())
        .contains("cv-" + RUN + ".pdf")
        .contains("Resume")
        .contains("PDF");
    String href = documents.findElement(By.tagName("a")).getAttribute("href");
    accessible("board-application-documents");
    Response download =
        RestAssured.given()
            .cookie(Sessions.COOKIE, browser.manage().getCookieNamed(Sessions.COOKIE).getValue())
            .redirects()
            .follow(false)
            .get(href);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.contentType()).startsWith("application/pdf");
    assertThat(download.header("Content-Disposition")).startsWith("attachment;");
    assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(download.header("Content-Security-Policy")).contains("sandbox");
    assertThat(new String(download.asByteArray(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF");
  }

  /** The board's session cookie, as web names it. */
  private static final class Sessions {
    static final String COOKIE = "ats_board";
  }

  @Test
  @Order(2)
  void shouldWorkTheSameWithJavaScriptDisabled() {
    String roleId = createAndOpenRole("No Script Intern " + RUN, 2);
    String email = "web-nojs." + RUN + "@candidates.ats.test";
    browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
    try {
      open("/careers?q=" + RUN);
      browser.findElement(By.linkText("No Script Intern " + RUN)).click();
      fillWrongly(email);
      submit(browser.findElement(By.cssSelector("form.apply button[type=submit]")));
      assertErrorsShownNextToTheirFields();
      fixAndSubmitTwice(email);
      confirmationAndWithdraw(roleId, email, null);
    } finally {
      browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
    }
  }

  @Test
  @Order(3)
  void shouldLetARecruiterHireThroughTheBoardUntilTheRoleIsFilled() {
    String roleId = createAndOpenRole("Board Intern " + RUN, 1);
    String hired = submitByApi(roleId, "Grace", "board-a." + RUN + "@candidates.ats.test");
    submitByApi(roleId, "Alan", "board-b." + RUN + "@candidates.ats.test");
    submitByApi(roleId, "Edsger", "board-c." + RUN + "@candidates.ats.test");

    signIn("rita.recruiter@ats.test", "recruiter");
    accessible("board-roles");
    browser.findElement(By.linkText("Board Intern " + RUN)).click();
    await().atMost(PATIENCE).until(() -> cards().size() == 3);
    accessible("board-role");

    for (String next : List.of("screening", "interviewing", "offered", "hired")) {
      WebElement card = browser.findElement(By.id("card-" + hired));
      card.findElement(
              By.xpath(".//button[starts-with(normalize-space(.), 'Move to " + next + "')]"))
          .click();
      if (!next.equals("hired")) {
        await()
            .atMost(PATIENCE)
            .ignoreExceptions() // htmx may be swapping the card while it is read
            .until(
                () ->
                    browser
                        .findElement(By.id("card-" + hired))
                        .getAttribute("data-stage")
                        .equalsIgnoreCase(next));
      }
    }
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () -> {
              browser.navigate().to(system.gateway() + "/board/roles/" + roleId);
              return browser.findElement(By.id("role-status")).getText().equals("FILLED")
                  && browser
                      .findElement(By.cssSelector("#final-REJECTED strong"))
                      .getText()
                      .equals("2")
                  && browser
                      .findElement(By.cssSelector("#final-HIRED strong"))
                      .getText()
                      .equals("1");
            });
    assertThat(cards()).isEmpty();
    screenshot("board-filled");
  }

  @Test
  @Order(4)
  void shouldShowTheConflictWhenACardIsStale() {
    String roleId = createAndOpenRole("Stale Intern " + RUN, 1);
    String app = submitByApi(roleId, "Barbara", "stale." + RUN + "@candidates.ats.test");
    signIn("rita.recruiter@ats.test", "recruiter");
    open("/board/roles/" + roleId);
    WebElement card = browser.findElement(By.id("card-" + app));
    assertThat(card.getAttribute("data-stage")).isEqualTo("SUBMITTED");

    // Someone else moves it meanwhile.
    api(TestTokens.recruiter())
        .header("If-Match", "\"" + card.getAttribute("data-version") + "\"")
        .body(Map.of("to", "SCREENING"))
        .post("/api/v1/applications/" + app + "/transitions")
        .then()
        .statusCode(200);

    card.findElement(By.xpath(".//button[starts-with(normalize-space(.), 'Move to screening')]"))
        .click();
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(
            () ->
                browser
                    .findElement(By.cssSelector("#card-" + app + " .conflict"))
                    .getText()
                    .contains("Someone else changed this application first"));
    WebElement refreshed = browser.findElement(By.id("card-" + app));
    assertThat(refreshed.getAttribute("data-stage")).isEqualTo("SCREENING");
    assertThat(refreshed.findElement(By.cssSelector(".actions button")).getText())
        .isEqualTo("Move to interviewing");
    screenshot("board-conflict");
    // Nothing was overwritten: still SCREENING, one step.
    api(TestTokens.recruiter())
        .get("/api/v1/applications/" + app)
        .then()
        .statusCode(200)
        .body("stage", org.hamcrest.Matchers.equalTo("SCREENING"));
  }

  @Test
  @Order(5)
  void shouldLetHiringManagersSeeTheBoardButOnlyAddNotes() {
    String roleId = createAndOpenRole("Manager Intern " + RUN, 1);
    String app = submitByApi(roleId, "Katherine", "manager." + RUN + "@candidates.ats.test");
    signIn("hank.manager@ats.test", "hiring-manager");
    open("/board/roles/" + roleId);
    WebElement card = browser.findElement(By.id("card-" + app));
    assertThat(card.findElements(By.cssSelector(".actions button"))).isEmpty();
    card.findElement(By.tagName("a")).click();
    browser.findElement(By.id("note-body")).sendKeys("Strong answers " + RUN);
    submit(browser.findElement(By.xpath("//button[normalize-space(.)='Add note']")));
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Strong answers " + RUN);
    accessible("board-application");
  }

  @Test
  @Order(6)
  void shouldShowMoreRolesInPlaceWithJavaScriptAndAsANextPageWithout() {
    String tag = "pg" + RUN;
    for (int i = 1; i <= 22; i++) {
      createAndOpenRole("Paged Intern " + i + " " + tag, 1, false, false);
    }

    open("/careers?q=" + tag);
    assertThat(roleCards()).hasSize(20);
    browser.findElement(By.id("more-roles")).click();
    // htmx appends the next page to this one: the same page, 22 roles, no further link
    await().atMost(PATIENCE).until(() -> roleCards().size() == 22);
    assertThat(browser.getCurrentUrl()).doesNotContain("cursor=");
    assertThat(browser.findElements(By.id("more-roles"))).isEmpty();
    assertThat(roleTitles()).hasSize(22).doesNotHaveDuplicates();
    screenshot("careers-more-roles");

    browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
    try {
      open("/careers?q=" + tag);
      assertThat(roleCards()).hasSize(20);
      List<String> first = roleTitles();
      browser.findElement(By.id("more-roles")).click();
      // a plain link: the next page on its own, by the API's cursor
      await().atMost(PATIENCE).until(() -> browser.getCurrentUrl().contains("cursor="));
      assertThat(roleCards()).hasSize(2);
      assertThat(roleTitles()).doesNotContainAnyElementsOf(first);
      assertThat(browser.findElements(By.id("more-roles"))).isEmpty();
    } finally {
      browser.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
    }
  }

  @Test
  @Order(7)
  void shouldTellThePageThatEmbedsItsFormItsHeight() throws IOException {
    String roleId = createAndOpenRole("Embedded Intern " + RUN, 1, false, false);
    // A company's page on another origin (allowed by ATS_WEB_EMBED_FRAME_ANCESTORS in the system
    // tests: http://localhost:*), iframing the form and recording what the frame tells it.
    String parentPage =
        """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Our jobs</title></head>
        <body><h1>Work with us</h1>
        <iframe id="ats" src="%s/careers/%s?embed=1" title="Apply" style="width:100%%;height:150px;border:0"></iframe>
        <script>
          window.heights = [];
          addEventListener("message", function (e) {
            if (e.data && e.data.type === "ats-careers-height") {
              window.heights.push({ origin: e.origin, height: e.data.height });
              document.getElementById("ats").style.height = e.data.height + "px";
            }
          });
        </script></body></html>
        """
            .formatted(system.gateway(), roleId);
    com.sun.net.httpserver.HttpServer parent =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    parent.createContext(
        "/",
        exchange -> {
          byte[] body = parentPage.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    parent.start();
    try {
      browser.navigate().to("http://localhost:" + parent.getAddress().getPort() + "/");
      // the parent sizes its iframe to the height the form tells it (a form taller than 300 px)
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                Map<String, Object> last = lastHeight();
                return last != null
                    && ((Number) last.get("height")).intValue() > 300
                    && browser.findElement(By.id("ats")).getSize().getHeight()
                        == ((Number) last.get("height")).intValue();
              });
      assertThat(lastHeight().get("origin"))
          .as("the message comes from the careers page's origin")
          .isEqualTo(system.gateway());

      browser.switchTo().frame(browser.findElement(By.id("ats")));
      try {
        assertThat(browser.findElements(By.cssSelector("header.site"))).isEmpty();
        assertThat(browser.findElement(By.tagName("h1")).getText())
            .contains("Embedded Intern " + RUN);
      } finally {
        browser.switchTo().defaultContent();
      }
      screenshot("careers-embedded");
    } finally {
      parent.stop(0);
    }
  }

  @Test
  @Order(8)
  void shouldCountWhatWebAsksForAVisitorAgainstThatVisitorsOwnLimit() {
    // Two candidates on two addresses (loopback aliases, so the gateway sees them as peers): web
    // calls the API for each, naming the visitor, and the gateway counts each call against the
    // visitor's own anonymous bucket (refilled by one an hour here), not one bucket for web.
    int octet = 10 + new java.util.Random().nextInt(200);
    String first = "127.0.0." + octet;
    String second = "127.0.0." + (octet + 1);
    int firstBefore = anonymousRemaining(first);
    int secondBefore = anonymousRemaining(second);

    for (int i = 0; i < 3; i++) {
      from(first).get("/careers?q=" + RUN).then().statusCode(200);
    }

    int firstAfter = anonymousRemaining(first);
    int secondAfter = anonymousRemaining(second);
    assertThat(firstBefore - firstAfter)
        .as("the read itself, and the roles web read for each of the three visits")
        .isGreaterThanOrEqualTo(4);
    assertThat(secondBefore - secondAfter).as("the read itself only").isEqualTo(1);
  }

  /** What is left of {@code address}'s anonymous bucket, after one anonymous read of its own. */
  private static int anonymousRemaining(String address) {
    Response read = from(address).get("/api/v1/roles?limit=1");
    assertThat(read.statusCode()).isEqualTo(200);
    return Integer.parseInt(read.header("RateLimit-Remaining"));
  }

  /** Requests sent from {@code address} (a loopback alias), through the gateway. */
  private static RequestSpecification from(String address) {
    try {
      return RestAssured.given()
          .baseUri(system.gateway())
          .config(
              RestAssured.config()
                  .httpClient(
                      io.restassured.config.HttpClientConfig.httpClientConfig()
                          .setParam(
                              "http.route.local-address",
                              java.net.InetAddress.getByName(address))));
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> lastHeight() {
    List<Map<String, Object>> heights =
        (List<Map<String, Object>>) browser.executeScript("return window.heights");
    return heights == null || heights.isEmpty() ? null : heights.get(heights.size() - 1);
  }

  private static List<WebElement> roleCards() {
    return browser.findElements(By.cssSelector("#roles li.role-card"));
  }

  private static List<String> roleTitles() {
    return roleCards().stream().map(li -> li.findElement(By.tagName("h2")).getText()).toList();
  }

  // --- the candidate's steps -------------------------------------------------------------------

  private static void fillWrongly(String email) {
    type("f-candidate-firstName", "Ada");
    type("f-candidate-lastName", "Lovelace");
    type("f-candidate-email", "not-an-email");
    type("f-answers-yearsOfStudy", "three");
    // commitsTwelveWeeks (required) left unanswered, consent not given
  }

  private static void assertErrorsShownNextToTheirFields() {
    WebElement summary = browser.findElement(By.id("error-summary"));
    assertThat(summary.getText()).contains("There is a problem");
    WebElement emailInput = browser.findElement(By.id("f-candidate-email"));
    assertThat(emailInput.getAttribute("aria-invalid")).isEqualTo("true");
    String describedBy = emailInput.getAttribute("aria-describedby");
    assertThat(browser.findElement(By.id(describedBy)).getText()).isNotBlank();
    assertThat(browser.findElement(By.id("f-answers-yearsOfStudy-error")).getText())
        .contains("number");
    // the rest of the form kept
    assertThat(browser.findElement(By.id("f-candidate-firstName")).getAttribute("value"))
        .isEqualTo("Ada");
    assertThat(browser.findElement(By.id("f-candidate-email")).getAttribute("value"))
        .isEqualTo("not-an-email");
  }

  private static void fixAndSubmitTwice(String email) {
    type("f-candidate-email", email);
    type("f-answers-yearsOfStudy", "3");
    browser.findElement(By.id("f-answers-commitsTwelveWeeks-yes")).click();
    type("f-answers-graduationDate", "2027-06-30");
    new Select(browser.findElement(By.id("f-answers-track"))).selectByVisibleText("Backend");
    browser.findElement(By.id("f-consent-accepted")).click();
    WebElement button = browser.findElement(By.cssSelector("form.apply button[type=submit]"));
    new Actions(browser).doubleClick(button).perform();
    await()
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> browser.findElement(By.id("confirmation")).isDisplayed());
  }

  private static void confirmationAndWithdraw(String roleId, String email, String screenshot) {
    if (screenshot != null) {
      accessible(screenshot);
    }
    String link = browser.findElement(By.id("status-link")).getAttribute("href");
    assertThat(link).contains("/careers/applications/").contains("?token=");
    List<String> ids = applicationIds(roleId, email);
    assertThat(ids).as("one application for two quick submits").hasSize(1);

    browser.navigate().to(link);
    assertThat(browser.findElement(By.id("stage")).getAttribute("data-stage"))
        .isEqualTo("SUBMITTED");
    if (screenshot != null) {
      accessible("careers-status");
    }
    submit(browser.findElement(By.xpath("//button[normalize-space(.)='Withdraw my application']")));
    assertThat(browser.findElement(By.id("stage")).getAttribute("data-stage"))
        .isEqualTo("WITHDRAWN");
    api(TestTokens.recruiter())
        .get("/api/v1/applications/" + ids.get(0))
        .then()
        .body("stage", org.hamcrest.Matchers.equalTo("WITHDRAWN"));
  }

  // --- helpers -----------------------------------------------------------------------------

  private static void signIn(String name, String group) {
    open("/board/sign-in");
    type("name", name);
    browser.findElement(By.id("group-" + group)).click();
    submit(browser.findElement(By.xpath("//button[normalize-space(.)='Sign in']")));
    assertThat(browser.getCurrentUrl()).endsWith("/board");
  }

  private static List<WebElement> cards() {
    return browser.findElements(By.cssSelector("li.card"));
  }

  private static void open(String path) {
    browser.navigate().to(system.gateway() + path);
  }

  private static void type(String id, String text) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    input.sendKeys(text);
  }

  /** Clicks a submit button and waits for the next page. */
  private static void submit(WebElement button) {
    button.click();
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              try {
                button.isEnabled();
                return false;
              } catch (StaleElementReferenceException gone) {
                return true; // the next page replaced it
              }
            });
  }

  /** Screenshot, then axe-core: no serious or critical WCAG 2.2 A/AA violation. */
  private static void accessible(String name) {
    screenshot(name);
    JavascriptExecutor js = browser;
    js.executeScript(axeSource);
    @SuppressWarnings("unchecked")
    Map<String, Object> results =
        (Map<String, Object>)
            js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values:"
                    + " ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']}})"
                    + ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact:"
                    + " v.impact, nodes: v.nodes.map(n => n.target.join(' '))}))}))"
                    + ".catch(e => done({error: String(e)}));");
    assertThat(results).doesNotContainKey("error");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> violations = (List<Map<String, Object>>) results.get("violations");
    List<String> serious = new ArrayList<>();
    for (Map<String, Object> v : violations) {
      if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
        serious.add(v.get("id") + " (" + v.get("impact") + ") at " + v.get("nodes"));
      }
    }
    System.out.printf(
        "axe %s: %d violations, %d serious or critical%n", name, violations.size(), serious.size());
    assertThat(serious).as("axe-core on " + name).isEmpty();
  }

  private static void screenshot(String name) {
    try {
      Files.write(screenshots.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RequestSpecification api(String authorization) {
    RequestSpecification spec =
        RestAssured.given().baseUri(system.gateway()).contentType(ContentType.JSON);
    return authorization == null ? spec : spec.header("Authorization", authorization);
  }

  private static String createAndOpenRole(String title, int openings) {
    return createAndOpenRole(title, openings, false);
  }

  private static String createAndOpenRole(String title, int openings, boolean resumeRequired) {
    return createAndOpenRole(title, openings, resumeRequired, true);
  }

  /**
   * A role, opened; with {@code awaitPipeline}, also known to applications-service (needed before
   * anyone applies; the careers list needs only roles-service).
   */
  private static String createAndOpenRole(
      String title, int openings, boolean resumeRequired, boolean awaitPipeline) {
    LocalDate respondBy = LocalDate.now().plusDays(30);
    Instant deadline = Instant.now().plus(29, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    String body =
        """
        {"title":"%s","team":"Engineering","description":"Build the careers page of %s.",
         "location":"Austin, TX","workplaceType":"HYBRID","employmentType":"INTERNSHIP","durationWeeks":12,
         "openings":%d,"applicationDeadline":"%s","respondBy":"%s","resumeRequired":%s,
         "eligibilityRules":[
           {"id":"commitsTwelveWeeks","question":"Can you commit to a 12-week internship?","answerType":"BOOLEAN",
            "rule":{"operator":"EQUALS","value":true},"required":true},
           {"id":"yearsOfStudy","question":"How many years have you studied?","answerType":"NUMBER",
            "rule":{"operator":"GTE","value":1},"required":true},
           {"id":"graduationDate","question":"When do you graduate?","answerType":"DATE",
            "rule":{"operator":"AFTER","value":"2026-01-01"},"required":false},
           {"id":"track","question":"Which track interests you?","answerType":"CHOICE",
            "options":["Backend","Frontend","Data","Platform","Security","Design"],
            "rule":{"operator":"ONE_OF","value":["Backend","Frontend","Data"]},"required":false}]}
        """
            .formatted(title, RUN, openings, deadline, respondBy, resumeRequired);
    Response created = api(TestTokens.recruiter()).body(body).post("/api/v1/roles");
    if (created.statusCode() == 400 && created.asString().contains("resumeRequired")) {
      created =
          api(TestTokens.recruiter())
              .body(body.replace("\"resumeRequired\":false,", ""))
              .post("/api/v1/roles");
    }
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    String id = created.jsonPath().getString("id");
    api(TestTokens.recruiter()).post("/api/v1/roles/" + id + "/open").then().statusCode(200);
    if (!awaitPipeline) {
      return id;
    }
    // applications-service learns of the role from roles.events
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                api(TestTokens.recruiter()).get("/api/v1/roles/" + id + "/pipeline").statusCode()
                    == 200);
    return id;
  }

  private static String submitByApi(String roleId, String firstName, String email) {
    Map<String, Object> body =
        Map.of(
            "roleId",
            roleId,
            "candidate",
            Map.of("email", email, "firstName", firstName, "lastName", "Tester"),
            "answers",
            Map.of("commitsTwelveWeeks", true, "yearsOfStudy", 2),
            "consent",
            Map.of("privacyPolicyVersion", "2026-01", "accepted", true));
    Response r = api(null).body(body).post("/api/v1/applications");
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
    return r.jsonPath().getString("id");
  }

  private static List<String> applicationIds(String roleId, String email) {
    List<String> ids =
        api(TestTokens.recruiter())
            .get("/api/v1/applications?roleId=" + roleId + "&limit=100")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.findAll { it.candidate.email == '" + email + "' }.id");
    return ids;
  }
}
