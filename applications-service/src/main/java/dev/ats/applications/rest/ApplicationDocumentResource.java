package dev.ats.applications.rest;

import static dev.ats.web.security.Groups.HIRING_MANAGER;
import static dev.ats.web.security.Groups.RECRUITER;

import dev.ats.applications.service.documents.DocumentDetails;
import dev.ats.applications.service.documents.DocumentQueries;
import dev.ats.applications.service.documents.DocumentTypes;
import dev.ats.web.openapi.ApiDocument;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An application's documents, for recruiters and hiring managers, and for the candidate with the
 * application's access token. Downloads are always attachments of the detected type, never sniffed
 * and never run (a restrictive CSP with a sandbox), so an uploaded file cannot act in our origin.
 */
@Path("/api/v1/applications/{id}/documents")
@Tag(name = "Documents", description = "Résumés and other files candidates attach when applying")
public class ApplicationDocumentResource {

  static final String CSP = "default-src 'none'; sandbox";

  private final DocumentQueries documents;
  private final Callers callers;

  public ApplicationDocumentResource(DocumentQueries documents, Callers callers) {
    this.documents = documents;
    this.callers = callers;
  }

  @GET
  @PermitAll
  @Produces(MediaType.APPLICATION_JSON)
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.BEARER))
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.APPLICATION_TOKEN))
  @Operation(
      operationId = "listApplicationDocuments",
      summary = "The documents attached to an application",
      description =
          "Recruiters and hiring managers, or the candidate with the application's access token in"
              + " `X-Application-Token` (a token of another application: 404). `textExtracted`"
              + " turns true once the text is extracted (off the request path); it stays false"
              + " for a file whose text could not be read.")
  @APIResponse(
      responseCode = "200",
      description = "The documents, oldest upload first",
      content =
          @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = DocumentView.class)))
  @APIResponse(responseCode = "404", description = "Unknown application, or a token for another")
  public List<DocumentView> list(
      @PathParam("id") UUID id,
      @Parameter(description = "The candidate's access token") @HeaderParam(Callers.TOKEN_HEADER)
          String token) {
    if (token == null) {
      callers.requireAny(RECRUITER, HIRING_MANAGER);
    }
    return documents.list(id, token).stream().map(DocumentView::of).toList();
  }

  @GET
  @Path("/{documentId}")
  @PermitAll
  @Produces({
    DocumentTypes.PDF,
    DocumentTypes.DOCX,
    DocumentTypes.ODT,
    DocumentTypes.TXT,
    DocumentTypes.RTF,
    MediaType.APPLICATION_OCTET_STREAM
  })
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.BEARER))
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.APPLICATION_TOKEN))
  @Operation(
      operationId = "downloadApplicationDocument",
      summary = "Download one of an application's documents",
      description =
          "The bytes as uploaded, with the detected Content-Type, as an attachment"
              + " (`Content-Disposition: attachment; filename*=UTF-8''…`), `X-Content-Type-Options:"
              + " nosniff` and `Content-Security-Policy: default-src 'none'; sandbox`. Same"
              + " callers as the list; another application's document is a 404.")
  @APIResponse(
      responseCode = "200",
      description = "The document's bytes",
      headers = {
        @Header(name = "Content-Disposition", schema = @Schema(type = SchemaType.STRING)),
        @Header(name = "X-Content-Type-Options", schema = @Schema(type = SchemaType.STRING)),
        @Header(name = "Content-Security-Policy", schema = @Schema(type = SchemaType.STRING))
      },
      // No media type: SmallRye gives every type in @Produces this one binary schema.
      content = @Content(schema = @Schema(type = SchemaType.STRING, format = "binary")))
  @APIResponse(responseCode = "404", description = "Unknown, or not this application's document")
  @APIResponse(
      responseCode = "503",
      description =
          "The document is kept in a storage this deployment has no access to now"
              + " (`storage-unavailable`, e.g. a bucket no longer configured); try again later")
  public Response download(
      @PathParam("id") UUID id,
      @PathParam("documentId") UUID documentId,
      @Parameter(description = "The candidate's access token") @HeaderParam(Callers.TOKEN_HEADER)
          String token) {
    if (token == null) {
      callers.requireAny(RECRUITER, HIRING_MANAGER);
    }
    DocumentDetails document = documents.get(id, documentId, token);
    StreamingOutput body = out -> documents.copyTo(document, out);
    return Response.ok(body, document.contentType())
        .header("Content-Length", document.sizeBytes())
        .header("Content-Disposition", contentDisposition(document.fileName()))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", CSP)
        .header("Cache-Control", "private, no-store")
        .build();
  }

  /** RFC 6266/8187: the UTF-8 name percent-encoded (no quotes to escape, no header injection). */
  static String contentDisposition(String fileName) {
    String encoded =
        URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    return "attachment; filename*=UTF-8''" + encoded;
  }
}
