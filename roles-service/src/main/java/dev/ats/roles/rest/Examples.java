package dev.ats.roles.rest;

/** Example bodies for the OpenAPI document, modelled on a real internship posting. */
final class Examples {

  private Examples() {}

  static final String CREATE =
      """
      {
        "title": "Software Engineer - Intern",
        "team": "Engineering",
        "description": "Ship and deliver projects over 12 weeks with autonomy and support.",
        "location": "Austin, TX",
        "workplaceType": "HYBRID",
        "employmentType": "INTERNSHIP",
        "durationWeeks": 12,
        "openings": 3,
        "applicationDeadline": "2021-11-15T23:59:59Z",
        "respondBy": "2021-12-01",
        "resumeRequired": true,
        "eligibilityRules": [
          {
            "id": "commitsTwelveWeeks",
            "question": "Can you commit to a 12-week internship?",
            "answerType": "BOOLEAN",
            "rule": {"operator": "EQUALS", "value": true},
            "required": true
          },
          {
            "id": "degree",
            "question": "Which degree are you pursuing?",
            "answerType": "CHOICE",
            "options": ["Computer Science", "Engineering", "Mathematics", "Statistics", "Other"],
            "rule": {"operator": "ONE_OF", "value": ["Computer Science", "Engineering", "Mathematics", "Statistics"]},
            "required": false
          },
          {
            "id": "graduationDate",
            "question": "When do you expect to graduate?",
            "answerType": "DATE",
            "rule": {"operator": "AFTER", "value": "2022-06-30"},
            "required": true
          }
        ]
      }
      """;

  static final String ROLE =
      """
      {
        "id": "0b6f1c1e-8d59-4a43-9d4e-0f6a3f1a2b7c",
        "title": "Software Engineer - Intern",
        "team": "Engineering",
        "description": "Ship and deliver projects over 12 weeks with autonomy and support.",
        "location": "Austin, TX",
        "workplaceType": "HYBRID",
        "employmentType": "INTERNSHIP",
        "durationWeeks": 12,
        "openings": 3,
        "openingsFilled": 1,
        "applicationDeadline": "2021-11-15T23:59:59Z",
        "respondBy": "2021-12-01",
        "resumeRequired": true,
        "eligibilityRules": [
          {
            "id": "commitsTwelveWeeks",
            "question": "Can you commit to a 12-week internship?",
            "answerType": "BOOLEAN",
            "rule": {"operator": "EQUALS", "value": true},
            "required": true
          },
          {
            "id": "internshipWeeks",
            "question": "How many weeks can you intern?",
            "answerType": "NUMBER",
            "rule": {"operator": "GTE", "value": 12},
            "required": false
          }
        ],
        "status": "OPEN",
        "version": 4,
        "createdAt": "2021-09-29T09:00:00Z",
        "updatedAt": "2021-10-04T14:30:00Z"
      }
      """;

  static final String PAGE =
      """
      {
        "items": [
          {
            "id": "0b6f1c1e-8d59-4a43-9d4e-0f6a3f1a2b7c",
            "title": "Software Engineer - Intern",
            "team": "Engineering",
            "description": "Ship and deliver projects over 12 weeks with autonomy and support.",
            "location": "Austin, TX",
            "workplaceType": "HYBRID",
            "employmentType": "INTERNSHIP",
            "durationWeeks": 12,
            "openings": 3,
            "openingsFilled": 0,
            "applicationDeadline": null,
            "respondBy": "2021-12-01",
            "resumeRequired": true,
            "eligibilityRules": [],
            "status": "OPEN",
            "version": 1,
            "createdAt": "2021-09-29T09:00:00Z",
            "updatedAt": "2021-09-29T09:05:00Z"
          }
        ],
        "nextCursor": "djEfMjAyMS0wOS0yOVQwOTowMDowMFofMGI2ZjFjMWUtOGQ1OS00YTQzLTlkNGUtMGY2YTNmMWEyYjdj"
      }
      """;

  static final String UNPLACED_HIRES =
      """
      {
        "items": [
          {
            "applicationId": "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6",
            "reason": "NO_OPENING_LEFT",
            "receivedAt": "2021-11-20T10:15:00Z"
          }
        ],
        "nextCursor": null
      }
      """;

  static final String PATCH =
      """
      {"openings": 4, "respondBy": "2021-12-15", "durationWeeks": null}
      """;

  static final String CLOSE =
      """
      {"reason": "Budget moved to next year"}
      """;

  static final String REOPEN =
      """
      {"additionalOpenings": 2, "reason": "Two more interns funded"}
      """;

  static final String ILLEGAL_STATUS =
      """
      {
        "type": "https://ats.dev/problems/conflict",
        "title": "Conflict",
        "status": 409,
        "detail": "cannot close a role that is DRAFT; allowed: open",
        "instance": "/api/v1/roles/0b6f1c1e-8d59-4a43-9d4e-0f6a3f1a2b7c/close",
        "requestId": "5f0c2a8e-1d4b-4c1e-9d63-2b7f9a0e4c11",
        "currentStatus": "DRAFT",
        "allowedActions": ["open"]
      }
      """;

  static final String OPENINGS_BELOW_FILLED =
      """
      {
        "type": "https://ats.dev/problems/conflict",
        "title": "Conflict",
        "status": 409,
        "detail": "openings cannot be fewer than the 2 already filled",
        "instance": "/api/v1/roles/0b6f1c1e-8d59-4a43-9d4e-0f6a3f1a2b7c",
        "requestId": "5f0c2a8e-1d4b-4c1e-9d63-2b7f9a0e4c11",
        "openingsFilled": 2
      }
      """;

  static final String IF_MATCH_MISSING =
      """
      {
        "type": "https://ats.dev/problems/precondition-required",
        "title": "Precondition required",
        "status": 428,
        "detail": "send If-Match with the role's ETag (as returned by GET), e.g. If-Match: \\"3\\"",
        "instance": "/api/v1/roles/0b6f1c1e-8d59-4a43-9d4e-0f6a3f1a2b7c",
        "requestId": "5f0c2a8e-1d4b-4c1e-9d63-2b7f9a0e4c11"
      }
      """;
}
