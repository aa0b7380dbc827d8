package dev.ats.webapp.rest;

import dev.ats.webapp.service.Careers;
import dev.ats.webapp.service.Careers.Filters;
import dev.ats.webapp.service.Careers.Submission;
import dev.ats.webapp.service.Careers.Submitted;
import dev.ats.webapp.service.Role;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.multipart.FileItem;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

/**
 * The careers page (anonymous): open roles, a role with its generated application form, the
 * confirmation, and the candidate's self-service status page (read and withdraw with the access
 * token). Every page works without JavaScript; {@code ?embed=1} renders it without the site's
 * chrome for an iframe.
 */
@Path("/careers")
@Produces(MediaType.TEXT_HTML)
public class CareersResource {

  static final List<String> WORKPLACE_TYPES = List.of("ONSITE", "REMOTE", "HYBRID");
  static final List<String> EMPLOYMENT_TYPES =
      List.of("INTERNSHIP", "FULL_TIME", "PART_TIME", "CONTRACT");

  private final Careers careers;
  private final Template list;
  private final Template items;
  private final Template role;
  private final Template confirmation;
  private final Template status;
  private final Template notFound;

  public CareersResource(
      Careers careers,
      @Location("careers/list.html") Template list,
      @Location("careers/items.html") Template items,
      @Location("careers/role.html") Template role,
      @Location("careers/confirmation.html") Template confirmation,
      @Location("careers/status.html") Template status,
      @Location("not-found.html") Template notFound) {
    this.careers = careers;
    this.list = list;
    this.items = items;
    this.role = role;
    this.confirmation = confirmation;
    this.status = status;
    this.notFound = notFound;
  }

  @GET
  public TemplateInstance roles(
      @QueryParam("team") String team,
      @QueryParam("workplaceType") String workplaceType,
      @QueryParam("employmentType") String employmentType,
      @QueryParam("q") String q,
      @QueryParam("cursor") String cursor,
      @QueryParam("embed") String embed,
      @HeaderParam("HX-Request") String htmx) {
    Filters filters =
        new Filters(
            blankToNull(team),
            oneOf(workplaceType, WORKPLACE_TYPES),
            oneOf(employmentType, EMPLOYMENT_TYPES),
            blankToNull(q),
            blankToNull(cursor));
    Careers.RolePage page = careers.roles(filters);
    // htmx asks for the next page only: its items and the next "more roles" link.
    Template template = "true".equals(htmx) && filters.cursor() != null ? items : list;
    return template
        .data("page", page)
        .data("filters", filters)
        .data("embed", isEmbed(embed))
        .data("workplaceTypes", options(WORKPLACE_TYPES, filters.workplaceType()))
        .data("employmentTypes", options(EMPLOYMENT_TYPES, filters.employmentType()));
  }

  @GET
  @Path("/{roleId}")
  public Response role(@PathParam("roleId") String roleId, @QueryParam("embed") String embed) {
    Optional<Role> found = uuid(roleId).flatMap(careers::role);
    if (found.isEmpty()) {
      return notFound(embed);
    }
    return Response.ok(form(found.get(), Map.of(), Map.of(), null, isEmbed(embed))).build();
  }

  @POST
  @Path("/{roleId}")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response apply(
      @PathParam("roleId") String roleId,
      @QueryParam("embed") String embed,
      MultivaluedMap<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>();
    form.forEach((k, v) -> fields.put(k, v.isEmpty() ? "" : v.get(0)));
    return apply(roleId, embed, fields, null);
  }

  /**
   * The form as the page sends it: multipart, with the résumé file (spooled to disk by the server,
   * streamed on to the API's documents upload, deleted at the end of the request).
   */
  @POST
  @Path("/{roleId}")
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Response applyWithFiles(
      @PathParam("roleId") String roleId,
      @QueryParam("embed") String embed,
      MultipartFormDataInput form)
      throws java.io.IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    Careers.Attachment resume = null;
    List<java.nio.file.Path> copies = new java.util.ArrayList<>();
    for (Map.Entry<String, java.util.Collection<FormValue>> entry : form.getValues().entrySet()) {
      for (FormValue value : entry.getValue()) {
        if (value.isFileItem() || value.getFileName() != null) {
          if ("resume".equals(entry.getKey()) && resume == null) {
            resume = attachment(value, copies);
          }
        } else {
          fields.putIfAbsent(entry.getKey(), value.getValue() == null ? "" : value.getValue());
        }
      }
    }
    try {
      return apply(roleId, embed, fields, resume);
    } finally {
      for (java.nio.file.Path copy : copies) {
        java.nio.file.Files.deleteIfExists(copy);
      }
    }
  }

  /**
   * The chosen file, or null when none was chosen (an empty file name). A part the server kept in
   * memory is copied to a file (listed in {@code copies}, deleted after the request).
   */
  private static Careers.Attachment attachment(FormValue value, List<java.nio.file.Path> copies)
      throws java.io.IOException {
    String name = value.getFileName();
    if (name == null || name.isBlank() || !value.isFileItem()) {
      return null;
    }
    FileItem item = value.getFileItem();
    java.nio.file.Path file = item.getFile();
    if (item.isInMemory() || file == null) {
      file = java.nio.file.Files.createTempFile("ats-web-upload", ".bin");
      copies.add(file);
      item.write(file);
    }
    String type = value.getHeaders() == null ? null : value.getHeaders().getFirst("Content-Type");
    return new Careers.Attachment(file, name, type);
  }

  private Response apply(
      String roleId, String embed, Map<String, String> fields, Careers.Attachment resume) {
    Optional<Role> found = uuid(roleId).flatMap(careers::role);
    if (found.isEmpty()) {
      return notFound(embed);
    }
    String key = fields.getOrDefault("idempotencyKey", "");
    if (key.isBlank() || key.length() > 200) {
      key = UUID.randomUUID().toString();
    }
    Submitted submitted = careers.submit(found.get(), new Submission(fields, key, resume));
    if (!submitted.accepted()) {
      // Shown again with what was typed, the errors next to their fields, the résumé already
      // uploaded (if any) in hidden fields, and a new key.
      return Response.status(400)
          .entity(
              form(found.get(), fields, submitted.errors(), submitted.problem(), isEmbed(embed))
                  .data("resume", submitted.resume()))
          .build();
    }
    return Response.ok(
            confirmation
                .data("role", found.get())
                .data("submitted", submitted)
                .data("embed", isEmbed(embed)))
        .header("Cache-Control", "no-store")
        .build();
  }

  @GET
  @Path("/applications/{id}")
  public Response status(
      @PathParam("id") String id,
      @QueryParam("token") String token,
      @QueryParam("embed") String embed) {
    return statusPage(id, token, embed, careers::status);
  }

  @POST
  @Path("/applications/{id}/withdraw")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response withdraw(
      @PathParam("id") String id,
      @QueryParam("embed") String embed,
      MultivaluedMap<String, String> form) {
    return statusPage(id, form.getFirst("token"), embed, careers::withdraw);
  }

  /** The status page after {@code action} (read or withdraw) with the access token, or 404. */
  private Response statusPage(
      String id,
      String token,
      String embed,
      java.util.function.BiFunction<UUID, String, Optional<Careers.Status>> action) {
    Optional<Careers.Status> found =
        token == null || token.isBlank()
            ? Optional.empty()
            : uuid(id).flatMap(u -> action.apply(u, token));
    if (found.isEmpty()) {
      return notFound(embed);
    }
    return Response.ok(
            status.data("status", found.get()).data("token", token).data("embed", isEmbed(embed)))
        .header("Cache-Control", "no-store")
        .build();
  }

  private TemplateInstance form(
      Role found,
      Map<String, String> values,
      Map<String, String> errors,
      String problem,
      boolean embed) {
    return role.data("role", found)
        .data("values", values)
        .data("errors", errors)
        .data("errorList", errorList(found, errors))
        .data("problem", problem)
        .data("idempotencyKey", UUID.randomUUID().toString())
        .data("resume", null)
        .data("embed", embed);
  }

  /** One error summary entry: the message and the id of the field it is about. */
  @io.quarkus.qute.TemplateData
  public record FieldError(String fieldId, String label, String message) {}

  private static List<FieldError> errorList(Role role, Map<String, String> errors) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("candidate.firstName", "First name");
    labels.put("candidate.lastName", "Last name");
    labels.put("candidate.email", "Email address");
    labels.put("candidate.phone", "Phone number");
    role.questions().forEach(q -> labels.put(q.field(), q.question()));
    labels.put("consent.accepted", "Privacy policy");
    labels.put("documents", "Résumé");
    return errors.entrySet().stream()
        .map(
            e ->
                new FieldError(
                    Ids.of(labels.containsKey(e.getKey()) ? e.getKey() : "form"),
                    labels.getOrDefault(e.getKey(), e.getKey()),
                    e.getValue()))
        .toList();
  }

  private Response notFound(String embed) {
    return Response.status(404).entity(notFound.data("embed", isEmbed(embed))).build();
  }

  /** One option of a filter's select. */
  @io.quarkus.qute.TemplateData
  public record Option(String value, String label, boolean selected) {}

  private static List<Option> options(List<String> values, String selected) {
    return values.stream().map(v -> new Option(v, Role.words(v), v.equals(selected))).toList();
  }

  static boolean isEmbed(String embed) {
    return "1".equals(embed);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String oneOf(String value, List<String> allowed) {
    return value != null && allowed.contains(value) ? value : null;
  }

  static Optional<UUID> uuid(String value) {
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
