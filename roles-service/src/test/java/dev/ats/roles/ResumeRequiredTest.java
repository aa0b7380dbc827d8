package dev.ats.roles;

import static dev.ats.roles.Fixtures.create;
import static dev.ats.roles.Fixtures.etag;
import static dev.ats.roles.Fixtures.internship;
import static dev.ats.roles.Fixtures.outboxPayloads;
import static dev.ats.roles.Fixtures.patch;
import static dev.ats.roles.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Issue 13: whether a role's applications must attach a résumé. */
@QuarkusTest
class ResumeRequiredTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldRequireAResumeUnlessTheRecruiterSaysOtherwiseAndPublishIt() throws Exception {
    String byDefault = create(internship("Docs", 1)).statusCode(201).extract().path("id");
    read(byDefault).statusCode(200).body("resumeRequired", equalTo(true));

    String optional =
        create(internship("Docs", 1).replaceFirst("\\{", "{\"resumeRequired\": false,"))
            .statusCode(201)
            .body("resumeRequired", equalTo(false))
            .extract()
            .path("id");
    assertThat(
            JSON.readTree(outboxPayloads(optional, "dev.ats.role.created.v1").get(0))
                .at("/role/resumeRequired")
                .asBoolean(true))
        .isFalse();

    patch(optional, etag(optional), "{\"resumeRequired\": true}")
        .statusCode(200)
        .body("resumeRequired", equalTo(true));
    assertThat(
            JSON.readTree(outboxPayloads(optional, "dev.ats.role.updated.v1").get(0))
                .at("/role/resumeRequired")
                .asBoolean(false))
        .isTrue();
  }
}
