package dev.ats.applications.rest;

import dev.ats.applications.service.documents.DocumentUploads;
import dev.ats.web.error.ApiException;
import dev.ats.web.openapi.ApiDocument;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/v1/documents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Documents", description = "Résumés and other files candidates attach when applying")
public class DocumentResource {

  private final DocumentUploads uploads;

  public DocumentResource(DocumentUploads uploads) {
    this.uploads = uploads;
  }

  @POST
  @PermitAll
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @SecurityRequirementsSet // anonymous
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.BEARER))
  @Operation(
      operationId = "uploadDocument",
      summary = "Upload a document to attach to a submission (anonymous callers allowed)",
      description =
          "multipart/form-data with exactly one part `file`. The type is detected from the bytes:"
              + " PDF, DOCX, ODT, TXT or RTF, at most 10 485 760 bytes. Present the answer's `id`"
              + " and `uploadToken` in the submission's `documents` within 24 hours, or the"
              + " upload is deleted. No `file` part or an empty file: 400; too large: 413; any"
              + " other type: 415.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.MULTIPART_FORM_DATA,
              schema =
                  @Schema(
                      type = SchemaType.OBJECT,
                      requiredProperties = "file",
                      properties =
                          @SchemaProperty(
                              name = "file",
                              type = SchemaType.STRING,
                              format = "binary"))))
  @APIResponse(
      responseCode = "201",
      description = "Stored, not yet claimed",
      content = @Content(schema = @Schema(implementation = DocumentUploadView.class)))
  @APIResponse(responseCode = "400", description = "No `file` part, or an empty file")
  @APIResponse(responseCode = "413", description = "Over 10 485 760 bytes")
  @APIResponse(responseCode = "415", description = "Not a PDF, DOCX, ODT, TXT or RTF file")
  @APIResponse(
      responseCode = "503",
      description =
          "The document storage could not take the file (`storage-unavailable`); nothing was kept,"
              + " try again later")
  public Response upload(@RestForm("file") FileUpload file) {
    if (file == null || file.uploadedFile() == null) {
      throw ApiException.badRequest("Send the document as a multipart part named file");
    }
    DocumentUploadView view =
        DocumentUploadView.of(uploads.upload(file.uploadedFile(), file.fileName()));
    return Response.status(Response.Status.CREATED)
        .type(MediaType.APPLICATION_JSON)
        .entity(view)
        .build();
  }
}
