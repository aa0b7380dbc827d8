package dev.ats.applications.rest;

import static dev.ats.web.security.Groups.INTEGRATION;
import static dev.ats.web.security.Groups.RECRUITER;

import dev.ats.applications.service.reports.FunnelReport;
import dev.ats.applications.service.reports.Reports;
import dev.ats.applications.service.reports.RespondByReport;
import dev.ats.applications.service.reports.SourcesReport;
import dev.ats.applications.service.reports.TimeToDecisionReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The hiring team's reports, each as JSON or, with {@code Accept: text/csv}, as CSV (RFC 4180, a
 * header row, UTF-8). Every report covers the applications submitted in {@code [from, to]} (dates
 * are UTC days, {@code to} included; or timestamps), of one role or of all, and says when it was
 * computed.
 */
@Path("/api/v1/reports")
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
@Tag(name = "Reports", description = "Funnel, time to hire, sources and respond-by compliance")
public class ReportResource {

  private static final String WINDOW =
      " Covers the applications submitted from `from` to `to` (dates: UTC days, `to` included;"
          + " or timestamps; both optional), of `roleId` or of every role. `Accept: text/csv`"
          + " gives the same figures as CSV (RFC 4180, header row, UTF-8), each row ending with"
          + " the window and `computedAt`.";

  private final Reports reports;
  private final HttpHeaders headers;

  public ReportResource(Reports reports, @Context HttpHeaders headers) {
    this.reports = reports;
    this.headers = headers;
  }

  @GET
  @Path("/funnel")
  @RolesAllowed({RECRUITER, INTEGRATION})
  @Operation(
      operationId = "getFunnelReport",
      summary = "The funnel: per stage, how many reached it, pass-through, days spent",
      description =
          "Per pipeline stage (SUBMITTED, SCREENING, INTERVIEWING, OFFERED, HIRED): how many"
              + " applications reached it (a skipped stage counts as passed through), the share"
              + " of those that reached the next stage, and the median and p90 days spent in it"
              + " by those that entered and left it (linear interpolation; days = hours / 24,"
              + " 2 decimals)."
              + WINDOW)
  @APIResponse(
      responseCode = "200",
      description = "The funnel",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FunnelReport.class)),
        @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))
      })
  public Response funnel(@BeanParam ReportQuery query) {
    return answer(reports.funnel(query.window()), ReportCsv::funnel, "funnel");
  }

  @GET
  @Path("/time-to-hire")
  @RolesAllowed({RECRUITER, INTEGRATION})
  @Operation(
      operationId = "getTimeToHireReport",
      summary = "Time to hire and time to decision",
      description =
          "Median and p90 days from submission to HIRED, and to any final decision (HIRED,"
              + " REJECTED, WITHDRAWN)."
              + WINDOW)
  @APIResponse(
      responseCode = "200",
      description = "Time to hire and to decision",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TimeToDecisionReport.class)),
        @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))
      })
  public Response timeToHire(@BeanParam ReportQuery query) {
    return answer(reports.timeToDecision(query.window()), ReportCsv::timeToHire, "time-to-hire");
  }

  @GET
  @Path("/sources")
  @RolesAllowed({RECRUITER, INTEGRATION})
  @Operation(
      operationId = "getSourcesReport",
      summary = "Per source: applications, and how many reached INTERVIEWING, OFFERED, HIRED",
      description = "Most applications first." + WINDOW)
  @APIResponse(
      responseCode = "200",
      description = "Per source",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SourcesReport.class)),
        @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))
      })
  public Response sources(@BeanParam ReportQuery query) {
    return answer(reports.sources(query.window()), ReportCsv::sources, "sources");
  }

  @GET
  @Path("/respond-by")
  @RolesAllowed({RECRUITER, INTEGRATION})
  @Operation(
      operationId = "getRespondByReport",
      summary = "Respond-by compliance: the posting's promise, measured per role",
      description =
          "Per role: of the applications submitted before the end of its respond-by day (UTC,"
              + " `due`), how many got a decision by then (HIRED, REJECTED, WITHDRAWN) and how"
              + " many progressed by then (a decision, or a move past SUBMITTED), with their"
              + " shares; once the day is over, the applications still undecided (`waitingCount`,"
              + " and in `waiting` the longest waiting, at most `waitingLimit` per role: ids,"
              + " stages and submission times only). In CSV, a `role` row per role followed by a"
              + " `waiting` row per listed application."
              + WINDOW)
  @APIResponse(
      responseCode = "200",
      description = "Compliance per role",
      content = {
        @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RespondByReport.class)),
        @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))
      })
  public Response respondBy(
      @BeanParam ReportQuery query,
      @Parameter(description = "How many waiting applications to list per role: 1 to 10000")
          @QueryParam("waitingLimit")
          @DefaultValue("100")
          @Min(1)
          @Max(10_000)
          int waitingLimit) {
    return answer(
        reports.respondBy(query.window(), waitingLimit), ReportCsv::respondBy, "respond-by");
  }

  /** JSON, or CSV when the caller prefers it (the first acceptable type that is either wins). */
  private <R> Response answer(R report, Function<R, String> csv, String name) {
    for (MediaType accepted : headers.getAcceptableMediaTypes()) {
      if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)
          && !accepted.isWildcardType()
          && !accepted.isWildcardSubtype()) {
        break;
      }
      if (accepted.isCompatible(MediaType.valueOf(Csv.MEDIA_TYPE))
          && !accepted.isWildcardType()
          && !accepted.isWildcardSubtype()) {
        return Response.ok(csv.apply(report), Csv.CONTENT_TYPE)
            .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")
            .build();
      }
    }
    return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
  }
}
