package dev.ats.notifications.rest;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI document's header and its bearer-token security scheme. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "ATS notifications-service",
            version = "1.0",
            description =
                "The messages the ATS writes to candidates (one per thing that happened to their"
                    + " application, plus a status update by the role's respond-by date) and their"
                    + " delivery over SMTP. Recruiters may do everything; hiring managers and"
                    + " integrations may read."))
@SecurityScheme(
    securitySchemeName = ApiDocumentation.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description = "An RS256 JWT whose groups claim holds recruiter, hiring-manager or integration")
public final class ApiDocumentation {
  public static final String BEARER = "bearer";

  private ApiDocumentation() {}
}
