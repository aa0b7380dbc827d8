package dev.ats.applications.rest;

import dev.ats.applications.service.reports.Window;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query every report takes: which role (or all) and which submission window. */
public class ReportQuery {

  @QueryParam("roleId")
  @Parameter(description = "One role; every role when absent")
  public UUID roleId;

  @QueryParam("from")
  @Parameter(
      description = "Submitted on or after: a date (UTC) or a timestamp",
      example = "2026-11-01")
  public String from;

  @QueryParam("to")
  @Parameter(
      description = "Submitted up to: a date (UTC, that day included) or a timestamp",
      example = "2026-11-30")
  public String to;

  Window window() {
    return new Window(
        roleId, DateParams.instant("from", from, false), DateParams.instant("to", to, true));
  }
}
