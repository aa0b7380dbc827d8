package dev.ats.applications.rest;

import dev.ats.applications.service.AnswerViolationsException;
import dev.ats.platform.error.Problem;
import dev.ats.platform.web.RequestIds;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers that do not fit the role's questions: the same 400 validation problem as Bean
 * Validation's, with one violation per answer ({@code answers.<ruleId>}).
 */
public class AnswerViolationsMapper {

  @ServerExceptionMapper
  public Response answers(AnswerViolationsException e, UriInfo uri, HttpHeaders headers) {
    return new Problem(
            URI.create(Problem.TYPE_BASE + "validation"),
            "Invalid request",
            400,
            e.getMessage(),
            uri.getRequestUri().getRawPath(),
            RequestIds.of(headers),
            e.violations(),
            Map.of())
        .toResponse();
  }
}
