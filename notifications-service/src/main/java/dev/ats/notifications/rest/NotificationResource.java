package dev.ats.notifications.rest;

import dev.ats.notifications.domain.NotificationStatus;
import dev.ats.notifications.domain.NotificationType;
import dev.ats.notifications.service.NotificationQueryService;
import dev.ats.notifications.service.StoredNotification;
import dev.ats.web.error.Problem;
import dev.ats.web.http.ETags;
import dev.ats.web.openapi.ProblemSchemas;
import dev.ats.web.paging.Page;
import dev.ats.web.security.Groups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/notifications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications", description = "The messages written to candidates, and their delivery")
public class NotificationResource {

  private final NotificationQueryService notifications;

  public NotificationResource(NotificationQueryService notifications) {
    this.notifications = notifications;
  }

  @GET
  @RolesAllowed({Groups.RECRUITER, Groups.HIRING_MANAGER, Groups.INTEGRATION})
  @Operation(
      operationId = "listNotifications",
      summary = "List notifications, newest first",
      description =
          "Filters combine with AND. Pass the returned nextCursor as ?cursor= for the next page.")
  @APIResponse(
      responseCode = "200",
      description = "One page of notifications",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NotificationPage.class),
              examples =
                  @ExampleObject(
                      name = "page",
                      value =
                          "{\"items\":[{\"id\":\"3f0c1b8e-5a4e-4c55-9a53-1f2f0d0f7c11\","
                              + "\"applicationId\":\"0b7e4a1c-2f3d-4e5f-8a9b-0c1d2e3f4a5b\","
                              + "\"candidateId\":\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\","
                              + "\"recipient\":\"ada@example.com\","
                              + "\"type\":\"APPLICATION_RECEIVED\",\"status\":\"SENT\","
                              + "\"subject\":\"We received your application for Software"
                              + " Engineer - Intern\",\"attempts\":1,"
                              + "\"createdAt\":\"2026-11-27T14:05:00Z\","
                              + "\"sentAt\":\"2026-11-27T14:05:01Z\"}],"
                              + "\"nextCursor\":\"djEfMjAyNi0xMS0yN1QxNDowNTowMFofM2YwYw\"}")))
  public Page<NotificationSummary> list(
      @Parameter(description = "Only this application's notifications") @QueryParam("applicationId")
          UUID applicationId,
      @Parameter(description = "Only notifications to this address (case-insensitive)")
          @QueryParam("candidateEmail")
          String candidateEmail,
      @Parameter(description = "Only this kind of message") @QueryParam("type")
          NotificationType type,
      @Parameter(description = "Only notifications in this delivery state") @QueryParam("status")
          NotificationStatus status,
      @Parameter(description = "The nextCursor of the previous page") @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Page size, 1 to 100 (default 20)") @QueryParam("limit")
          Integer limit) {
    Page<StoredNotification> page =
        notifications.list(
            new NotificationQueryService.Filter(applicationId, candidateEmail, type, status),
            cursor,
            limit);
    return new Page<>(
        page.items().stream().map(NotificationSummary::of).toList(), page.nextCursor());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Groups.RECRUITER, Groups.HIRING_MANAGER, Groups.INTEGRATION})
  @Operation(
      operationId = "getNotification",
      summary = "One notification with its rendered message and delivery attempts",
      description =
          "The ETag changes whenever the notification does (a delivery attempt, a retry, an"
              + " erasure). If-None-Match with the ETag: 304.")
  @APIResponse(
      responseCode = "200",
      description = "The notification",
      headers =
          @Header(
              name = "ETag",
              description = "The notification's state in quotes, for If-None-Match",
              schema = @Schema(type = SchemaType.STRING)),
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NotificationDetail.class)))
  @APIResponse(responseCode = "404", description = "No such notification")
  public RestResponse<NotificationDetail> get(@PathParam("id") UUID id) {
    NotificationDetail detail = NotificationDetail.of(notifications.get(id));
    return RestResponse.ResponseBuilder.ok(detail).header(HttpHeaders.ETAG, etag(detail)).build();
  }

  /**
   * A notification has no version column: its ETag is a digest of everything about it that can
   * change (status, delivery, erasure), the same on every instance.
   */
  static String etag(NotificationDetail n) {
    String state =
        String.join(
            "|",
            String.valueOf(n.status()),
            String.valueOf(n.attempts()),
            String.valueOf(n.nextAttemptAt()),
            String.valueOf(n.lastError()),
            String.valueOf(n.sentAt()),
            String.valueOf(n.erasedAt()),
            String.valueOf(n.recipient() == null),
            String.valueOf(n.deliveryAttempts().size()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(state.getBytes(StandardCharsets.UTF_8));
      return ETags.of(ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @POST
  @Path("/{id}/retry")
  @RolesAllowed(Groups.RECRUITER)
  @Operation(
      operationId = "retryNotification",
      summary = "Queue a FAILED notification again",
      description =
          "The sender tries it again at its next tick, with a fresh set of attempts. Only a FAILED"
              + " notification whose candidate was not erased can be retried.")
  @APIResponse(
      responseCode = "200",
      description = "Queued again (status PENDING)",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = NotificationDetail.class)))
  @APIResponse(responseCode = "404", description = "No such notification")
  @APIResponse(
      responseCode = "409",
      description =
          "Not FAILED (pending, sent or cancelled), or its candidate was erased (carries"
              + " currentStatus)",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(ref = ProblemSchemas.NOTIFICATION_STATUS)))
  public NotificationDetail retry(@PathParam("id") UUID id) {
    return NotificationDetail.of(notifications.retry(id));
  }

  /** For the OpenAPI document only: {@code Page<NotificationSummary>}. */
  @Schema(name = "NotificationPage", description = "One page of notifications")
  public record NotificationPage(
      List<NotificationSummary> items,
      @Schema(
              description = "Opaque cursor for the next page; null on the last page",
              nullable = true)
          String nextCursor) {}
}
