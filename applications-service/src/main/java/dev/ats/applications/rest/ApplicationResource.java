package dev.ats.applications.rest;

import static dev.ats.web.security.Groups.HIRING_MANAGER;
import static dev.ats.web.security.Groups.INTEGRATION;
import static dev.ats.web.security.Groups.RECRUITER;

import dev.ats.applications.domain.ApplicationRepository;
import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.Stage;
import dev.ats.applications.service.ApplicationDetails;
import dev.ats.applications.service.ApplicationQueries;
import dev.ats.applications.service.CandidateAccess;
import dev.ats.applications.service.FeedbackService;
import dev.ats.applications.service.PipelineService;
import dev.ats.applications.service.SubmissionService;
import dev.ats.platform.idempotency.IdempotencyInterceptor;
import dev.ats.platform.idempotency.Idempotent;
import dev.ats.web.error.Problem;
import dev.ats.web.openapi.ApiDocument;
import dev.ats.web.openapi.ProblemSchemas;
import dev.ats.web.paging.Page;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Applications", description = "Submissions, the hiring pipeline, notes and evaluations")
public class ApplicationResource {

  static final String SUBMIT_EXAMPLE =
      """
      {
        "roleId": "6f1c2b1e-6a0f-4a4f-9a39-1d2b0f3c4d5e",
        "candidate": {
          "email": "ada@example.com",
          "firstName": "Ada",
          "lastName": "Lovelace",
          "phone": "+44 20 7946 0000",
          "school": "University of London",
          "degree": "BSc Mathematics",
          "graduationDate": "2027-06-30",
          "links": ["https://github.com/ada"]
        },
        "answers": {"commitsTwelveWeeks": true, "graduationDate": "2027-06-30"},
        "consent": {"privacyPolicyVersion": "2026-01", "accepted": true},
        "source": "job-board"
      }
      """;

  private final SubmissionService submissions;
  private final ApplicationQueries queries;
  private final PipelineService pipeline;
  private final CandidateAccess candidateAccess;
  private final FeedbackService feedback;
  private final Callers callers;

  public ApplicationResource(
      SubmissionService submissions,
      ApplicationQueries queries,
      PipelineService pipeline,
      CandidateAccess candidateAccess,
      FeedbackService feedback,
      Callers callers) {
    this.submissions = submissions;
    this.queries = queries;
    this.pipeline = pipeline;
    this.candidateAccess = candidateAccess;
    this.feedback = feedback;
    this.callers = callers;
  }

  @POST
  @PermitAll
  @Idempotent
  @SecurityRequirementsSet // anonymous
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.BEARER))
  @Operation(
      operationId = "submitApplication",
      summary = "Submit an application (anonymous callers allowed)",
      description =
          "Returns the application with a one-time `accessToken` for `X-Application-Token`. An"
              + " ineligible application is accepted (201) and immediately REJECTED with reason"
              + " INELIGIBLE. With `Idempotency-Key`, a retry with the same body returns the"
              + " original response; the same key with another body is a 422. A role unknown"
              + " to this service is a 404; a role that is not OPEN or past its deadline is a"
              + " 409; a second active application of the same email to the same role is a 409."
              + " Unless the caller is a recruiter, hiring manager or integration, the answer"
              + " leaves out eligibility.rules (their explanations name the expected answers).")
  @RequestBody(
      content =
          @Content(
              schema = @Schema(implementation = SubmitApplicationRequest.class),
              examples = @ExampleObject(name = "eligible", value = SUBMIT_EXAMPLE)))
  @APIResponse(
      responseCode = "201",
      description = "Submitted; accessToken is set in this answer only",
      headers = {
        @Header(
            name = "Location",
            description = "The application's URL",
            schema = @Schema(type = SchemaType.STRING, format = "uri")),
        @Header(
            name = "ETag",
            description = "The application's version in quotes",
            schema = @Schema(type = SchemaType.STRING))
      },
      content = @Content(schema = @Schema(implementation = ApplicationView.class)))
  @APIResponse(responseCode = "404", description = "Role unknown")
  @APIResponse(
      responseCode = "409",
      description =
          "Role not open (carries roleStatus), deadline passed (applicationDeadline), or a"
              + " duplicate")
  @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body")
  @Parameter(
      name = IdempotencyInterceptor.HEADER,
      in = ParameterIn.HEADER,
      description = "Makes retries safe: same key and body → the original response",
      schema = @Schema(type = SchemaType.STRING, maxLength = 200))
  public Response submit(@Valid @NotNull SubmitApplicationRequest request, @Context UriInfo uri) {
    SubmissionService.Submitted submitted = submissions.submit(request.toNewApplication());
    ApplicationView view =
        ApplicationView.of(submitted.application(), callers.isStaff())
            .withAccessToken(submitted.accessToken());
    URI location =
        URI.create(uri.getAbsolutePath().toString().replaceAll("/+$", "") + "/" + view.id());
    return Response.status(Response.Status.CREATED)
        .location(location)
        .tag(new EntityTag(String.valueOf(view.version())))
        .type(MediaType.APPLICATION_JSON)
        .entity(view)
        .build();
  }

  @GET
  @RolesAllowed({RECRUITER, HIRING_MANAGER, INTEGRATION})
  @Operation(
      operationId = "listApplications",
      summary = "List applications",
      description =
          "Newest first (submittedAt desc, id desc), cursor-paginated. `submittedFrom` and"
              + " `submittedTo` take a date (YYYY-MM-DD, UTC; `submittedTo` includes that day) or"
              + " a timestamp. With `q`, a search: only the matching applications, best match"
              + " first (`match.rank` desc, then id), each with `match` (rank and snippet); the"
              + " other filters and the cursor work as without it, and a page's cursor continues"
              + " after its last match. Recruiters and hiring managers search the documents' text"
              + " too; integrations (who may not read documents) do not.")
  public Page<ApplicationView> list(
      @QueryParam("roleId") UUID roleId,
      @QueryParam("stage") Stage stage,
      @QueryParam("eligibility") EligibilityOutcome eligibility,
      @Parameter(example = "2026-11-01") @QueryParam("submittedFrom") String submittedFrom,
      @Parameter(example = "2026-11-30") @QueryParam("submittedTo") String submittedTo,
      @Parameter(
              description =
                  "Search (at most 200 characters), in web-search syntax (PostgreSQL's"
                      + " websearch_to_tsquery): words (all must"
                      + " match, in any form: `systems` finds `system`), `\"a phrase\"` (these"
                      + " words in this order), `-word` (must not match), `or` between"
                      + " alternatives. It looks in the candidate's names and e-mail (ranked"
                      + " highest), school and degree, the answers, then the text of the"
                      + " application's documents (ranked lowest). A query without quotes or"
                      + " `-` also finds names and e-mail addresses by part (3 characters or"
                      + " more, e.g. `lovel`) and despite a typo (`lovelase`). Any text is a"
                      + " valid query; one with only common words (`the`) finds names only.",
              example = "rust -php \"distributed systems\"")
          @QueryParam("q")
          @Size(max = 200)
          String q,
      @QueryParam("cursor") String cursor,
      @Parameter(description = "1 to 100, default 20") @QueryParam("limit") Integer limit) {
    ApplicationRepository.Filter filter =
        new ApplicationRepository.Filter(
            roleId,
            stage,
            eligibility,
            DateParams.instant("submittedFrom", submittedFrom, false),
            DateParams.instant("submittedTo", submittedTo, true),
            q == null || q.isBlank() ? null : q.trim());
    boolean withDocuments = callers.isAny(RECRUITER, HIRING_MANAGER);
    return map(
        queries.list(filter, cursor, limit, withDocuments),
        l -> {
          ApplicationView view = ApplicationView.of(l.application(), true);
          return l.match() == null
              ? view
              : view.withMatch(
                  new ApplicationView.SearchMatch(l.match().rank(), l.match().snippet()));
        });
  }

  @GET
  @Path("/{id}")
  @PermitAll
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.BEARER))
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.APPLICATION_TOKEN))
  @Operation(
      operationId = "getApplication",
      summary = "Read an application",
      description =
          "With a bearer token (recruiter, hiring-manager, integration), or as the candidate with"
              + " the application's access token in `X-Application-Token`. A token for another"
              + " application is answered like an unknown id (404), revealing nothing. The"
              + " candidate's view leaves out eligibility.rules (their explanations name the"
              + " expected answers). If-None-Match with the ETag: 304.")
  @APIResponse(
      responseCode = "200",
      description = "The application",
      headers =
          @Header(
              name = "ETag",
              description = "The version in quotes, for If-Match and If-None-Match",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = ApplicationView.class)))
  @APIResponse(responseCode = "404", description = "Unknown id, or a token for another application")
  public Response get(
      @PathParam("id") UUID id,
      @Parameter(description = "The candidate's access token") @HeaderParam(Callers.TOKEN_HEADER)
          String token) {
    if (token != null) {
      return withETag(candidateAccess.get(id, token), callers.isStaff());
    }
    callers.requireAny(RECRUITER, HIRING_MANAGER, INTEGRATION);
    return withETag(queries.get(id), true);
  }

  @GET
  @Path("/{id}/history")
  @RolesAllowed({RECRUITER, HIRING_MANAGER, INTEGRATION})
  @Operation(
      operationId = "listApplicationHistory",
      summary = "Every stage change of an application, oldest first (one page: nextCursor null)")
  public Page<HistoryEntry> history(@PathParam("id") UUID id) {
    return new Page<>(queries.history(id).stream().map(HistoryEntry::of).toList(), null);
  }

  @POST
  @Path("/{id}/transitions")
  @RolesAllowed(RECRUITER)
  @Operation(
      operationId = "transitionApplication",
      summary = "Move an application to another stage",
      description =
          "SUBMITTED → SCREENING → INTERVIEWING → OFFERED → HIRED; REJECTED (reason NOT_A_FIT,"
              + " INELIGIBLE, POSITION_FILLED or OTHER) or WITHDRAWN from any non-final stage."
              + " `If-Match` must carry the ETag you read (428 without it, 412 if stale). An"
              + " illegal transition is a 409 whose `allowed` lists the stages it may move to."
              + " HIRED is a 409 when the role has no opening left.")
  @RequestBody(
      content =
          @Content(
              schema = @Schema(implementation = TransitionRequest.class),
              examples = {
                @ExampleObject(name = "advance", value = "{\"to\": \"SCREENING\"}"),
                @ExampleObject(
                    name = "reject",
                    value =
                        "{\"to\": \"REJECTED\", \"reason\": \"NOT_A_FIT\", \"note\": \"Looking"
                            + " for more backend experience\"}")
              }))
  @APIResponse(
      responseCode = "200",
      description = "Moved",
      headers =
          @Header(
              name = "ETag",
              description = "The version in quotes, for If-Match and If-None-Match",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = ApplicationView.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "Illegal transition (stage and allowed say where it may move), or HIRED with no"
              + " opening left (type .../no-opening-left)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(ref = ProblemSchemas.ILLEGAL_TRANSITION)))
  @APIResponse(responseCode = "412", description = "Stale If-Match")
  @APIResponse(responseCode = "428", description = "If-Match missing")
  public Response transition(
      @PathParam("id") UUID id,
      @Parameter(
              description = "The ETag of the application as read",
              example = "\"1\"",
              schema = @Schema(type = SchemaType.STRING))
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      @Valid @NotNull TransitionRequest request) {
    Long expected = Callers.parseIfMatch(ifMatch);
    return withETag(
        pipeline.transition(
            id, expected, request.to(), request.reason(), request.note(), callers.name()),
        true);
  }

  @POST
  @Path("/{id}/withdraw")
  @PermitAll
  @Consumes(MediaType.WILDCARD)
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.BEARER))
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.APPLICATION_TOKEN))
  @Operation(
      operationId = "withdrawApplication",
      summary = "Withdraw an application",
      description =
          "By the candidate (`X-Application-Token`) or by a recruiter (bearer token; `If-Match`"
              + " optional). A token for another application is a 404.")
  @APIResponse(
      responseCode = "200",
      description = "Withdrawn",
      headers =
          @Header(
              name = "ETag",
              description = "The version in quotes, for If-Match and If-None-Match",
              schema = @Schema(type = SchemaType.STRING)),
      content = @Content(schema = @Schema(implementation = ApplicationView.class)))
  @APIResponse(
      responseCode = "409",
      description = "Its stage cannot be withdrawn from (already final)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(ref = ProblemSchemas.ILLEGAL_TRANSITION)))
  @APIResponse(responseCode = "412", description = "Stale If-Match (recruiters)")
  public Response withdraw(
      @PathParam("id") UUID id,
      @HeaderParam(Callers.TOKEN_HEADER) String token,
      @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
    if (token != null) {
      return withETag(candidateAccess.withdraw(id, token), callers.isStaff());
    }
    callers.requireAny(RECRUITER);
    Long expected = ifMatch == null ? null : Callers.parseIfMatch(ifMatch);
    return withETag(pipeline.withdrawByRecruiter(id, expected, callers.name()), true);
  }

  @POST
  @Path("/{id}/notes")
  @RolesAllowed({RECRUITER, HIRING_MANAGER})
  @Operation(operationId = "addApplicationNote", summary = "Add a note (author: the caller)")
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = NoteView.class)))
  public Response addNote(@PathParam("id") UUID id, @Valid @NotNull NoteRequest request) {
    NoteView note = NoteView.of(feedback.addNote(id, callers.name(), request.body()));
    return Response.status(Response.Status.CREATED).entity(note).build();
  }

  @GET
  @Path("/{id}/notes")
  @RolesAllowed({RECRUITER, HIRING_MANAGER, INTEGRATION})
  @Operation(operationId = "listApplicationNotes", summary = "An application's notes, newest first")
  public Page<NoteView> notes(
      @PathParam("id") UUID id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") Integer limit) {
    return map(feedback.notes(id, cursor, limit), NoteView::of);
  }

  @POST
  @Path("/{id}/evaluations")
  @RolesAllowed({RECRUITER, HIRING_MANAGER})
  @Operation(
      operationId = "addApplicationEvaluation",
      summary = "Submit an evaluation (scorecard; author: the caller)")
  @RequestBody(
      content =
          @Content(
              schema = @Schema(implementation = EvaluationRequest.class),
              examples =
                  @ExampleObject(
                      name = "scorecard",
                      value =
                          "{\"overallRating\": 3, \"criteria\": [{\"criterion\": \"Problem"
                              + " solving\", \"rating\": 4, \"comment\": \"Clear reasoning\"}],"
                              + " \"comments\": \"Solid fundamentals\"}")))
  @APIResponse(
      responseCode = "201",
      description = "Submitted",
      content = @Content(schema = @Schema(implementation = EvaluationView.class)))
  public Response addEvaluation(
      @PathParam("id") UUID id, @Valid @NotNull EvaluationRequest request) {
    EvaluationView evaluation =
        EvaluationView.of(
            feedback.addEvaluation(
                id,
                callers.name(),
                request.overallRating(),
                request.ratings(),
                request.comments()));
    return Response.status(Response.Status.CREATED).entity(evaluation).build();
  }

  @GET
  @Path("/{id}/evaluations")
  @RolesAllowed({RECRUITER, HIRING_MANAGER, INTEGRATION})
  @Operation(
      operationId = "listApplicationEvaluations",
      summary = "An application's evaluations, newest first")
  public Page<EvaluationView> evaluations(
      @PathParam("id") UUID id,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") Integer limit) {
    return map(feedback.evaluations(id, cursor, limit), EvaluationView::of);
  }

  private static <S, V> Page<V> map(Page<S> page, Function<S, V> view) {
    return new Page<>(page.items().stream().map(view).toList(), page.nextCursor());
  }

  /** The application with {@code ETag: "<version>"}, for If-Match on the next change. */
  private static Response withETag(ApplicationDetails application, boolean staff) {
    return Response.ok(ApplicationView.of(application, staff))
        .tag(new EntityTag(String.valueOf(application.version())))
        .build();
  }
}
