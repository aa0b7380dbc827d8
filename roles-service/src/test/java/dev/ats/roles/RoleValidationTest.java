package dev.ats.roles;

import static dev.ats.roles.Fixtures.PROBLEM;
import static dev.ats.roles.Fixtures.create;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Bad input is a 400 that lists each violated field; nothing is created. */
@QuarkusTest
class RoleValidationTest {

  private static String withRules(String rules) {
    return """
        {"title": "Intern", "team": "Validation", "description": "d", "location": "Remote",
         "workplaceType": "REMOTE", "employmentType": "INTERNSHIP", "openings": 1,
         "eligibilityRules": %s}
        """
        .formatted(rules);
  }

  @Test
  void shouldListEveryMissingRequiredField() {
    create("{}")
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://ats.dev/problems/validation"))
        .body(
            "violations.field",
            hasItems(
                "title",
                "team",
                "description",
                "location",
                "workplaceType",
                "employmentType",
                "openings"));
  }

  @Test
  void shouldRefuseOpeningsBelowOneAndDurationBelowOne() {
    create(
            """
            {"title": "Intern", "team": "Validation", "description": "d", "location": "Remote",
             "workplaceType": "REMOTE", "employmentType": "INTERNSHIP", "openings": 0,
             "durationWeeks": 0}
            """)
        .statusCode(400)
        .body("violations.field", hasItems("openings", "durationWeeks"));
  }

  @Test
  void shouldRefuseUnknownEnumValueNamingTheAllowedOnes() {
    create(
            """
            {"title": "Intern", "team": "Validation", "description": "d", "location": "Remote",
             "workplaceType": "MOON", "employmentType": "INTERNSHIP", "openings": 1}
            """)
        .statusCode(400)
        .body("violations[0].field", equalTo("workplaceType"))
        .body("violations[0].message", containsString("HYBRID"));
  }

  @Test
  void shouldRefuseOperatorThatDoesNotSuitTheAnswerType() {
    create(
            withRules(
                """
                [{"id": "commits", "question": "q", "answerType": "BOOLEAN",
                  "rule": {"operator": "GTE", "value": true}},
                 {"id": "weeks", "question": "q", "answerType": "NUMBER",
                  "rule": {"operator": "BEFORE", "value": 12}},
                 {"id": "graduation", "question": "q", "answerType": "DATE",
                  "rule": {"operator": "EQUALS", "value": "2022-06-30"}}]
                """))
        .statusCode(400)
        .contentType(PROBLEM)
        .body(
            "violations.field",
            hasItems(
                "eligibilityRules[0].rule.operator",
                "eligibilityRules[1].rule.operator",
                "eligibilityRules[2].rule.operator"));
  }

  @Test
  void shouldRefuseValueOfTheWrongType() {
    create(
            withRules(
                """
                [{"id": "commits", "question": "q", "answerType": "BOOLEAN",
                  "rule": {"operator": "EQUALS", "value": "yes"}},
                 {"id": "weeks", "question": "q", "answerType": "NUMBER",
                  "rule": {"operator": "GTE", "value": "twelve"}},
                 {"id": "graduation", "question": "q", "answerType": "DATE",
                  "rule": {"operator": "AFTER", "value": "June 2022"}},
                 {"id": "missing", "question": "q", "answerType": "NUMBER",
                  "rule": {"operator": "LTE"}}]
                """))
        .statusCode(400)
        .body(
            "violations.field",
            hasItems(
                "eligibilityRules[0].rule.value",
                "eligibilityRules[1].rule.value",
                "eligibilityRules[2].rule.value",
                "eligibilityRules[3].rule.value"));
  }

  @Test
  void shouldRequireChoiceOptionsAndOneOfValuesDrawnFromThem() {
    create(
            withRules(
                """
                [{"id": "noOptions", "question": "q", "answerType": "CHOICE",
                  "rule": {"operator": "ONE_OF", "value": ["a"]}},
                 {"id": "foreignValue", "question": "q", "answerType": "CHOICE", "options": ["a", "b"],
                  "rule": {"operator": "ONE_OF", "value": ["c"]}},
                 {"id": "notAnArray", "question": "q", "answerType": "CHOICE", "options": ["a"],
                  "rule": {"operator": "ONE_OF", "value": "a"}},
                 {"id": "optionsOnBoolean", "question": "q", "answerType": "BOOLEAN", "options": ["a"],
                  "rule": {"operator": "EQUALS", "value": true}}]
                """))
        .statusCode(400)
        .body(
            "violations.field",
            hasItems(
                "eligibilityRules[0].options",
                "eligibilityRules[1].rule.value",
                "eligibilityRules[2].rule.value",
                "eligibilityRules[3].options"));
  }

  @Test
  void shouldRequireUniqueCamelCaseRuleIds() {
    create(
            withRules(
                """
                [{"id": "commits", "question": "q", "answerType": "BOOLEAN",
                  "rule": {"operator": "EQUALS", "value": true}},
                 {"id": "commits", "question": "q2", "answerType": "BOOLEAN",
                  "rule": {"operator": "EQUALS", "value": false}},
                 {"id": "Not-Camel", "question": "q", "answerType": "BOOLEAN",
                  "rule": {"operator": "EQUALS", "value": true}},
                 {"id": "noQuestion", "answerType": "BOOLEAN",
                  "rule": {"operator": "EQUALS", "value": true}},
                 {"id": "noRule", "question": "q", "answerType": "BOOLEAN"}]
                """))
        .statusCode(400)
        .body(
            "violations.field",
            hasItems(
                "eligibilityRules[1].id",
                "eligibilityRules[2].id",
                "eligibilityRules[3].question",
                "eligibilityRules[4].rule"));
  }

  @Test
  void shouldRefuseUnknownOperatorAndAnswerType() {
    create(
            withRules(
                """
                [{"id": "commits", "question": "q", "answerType": "BOOLEAN",
                  "rule": {"operator": "LIKE", "value": true}}]
                """))
        .statusCode(400)
        .body("violations[0].field", equalTo("eligibilityRules[0].rule.operator"));
    create(
            withRules(
                """
                [{"id": "commits", "question": "q", "answerType": "TEXT",
                  "rule": {"operator": "EQUALS", "value": true}}]
                """))
        .statusCode(400)
        .body("violations[0].field", equalTo("eligibilityRules[0].answerType"));
  }

  @Test
  void shouldRefuseRespondByBeforeTheDeadline() {
    create(
            """
            {"title": "Intern", "team": "Validation", "description": "d", "location": "Remote",
             "workplaceType": "REMOTE", "employmentType": "INTERNSHIP", "openings": 1,
             "applicationDeadline": "2021-12-10T12:00:00Z", "respondBy": "2021-12-01"}
            """)
        .statusCode(400)
        .body("violations.field", hasItem("respondBy"));
  }
}
