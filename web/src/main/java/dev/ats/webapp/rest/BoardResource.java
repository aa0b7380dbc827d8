package dev.ats.webapp.rest;

import dev.ats.webapp.service.Board;
import dev.ats.webapp.service.DevSignIn;
import dev.ats.webapp.service.Gateway;
import dev.ats.webapp.service.SignedIn;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The recruiter board (recruiters and hiring managers): roles with their counts, one role's columns
 * of cards, an application's details. Cards move with buttons (keyboard operable, no drag), each
 * move sent with {@code If-Match}; a refused move shows what happened and the card as it is now.
 * Hiring managers see everything but only add notes and evaluations. Every form carries the
 * session's CSRF token. Without JavaScript each action reloads the page; with htmx only the card is
 * replaced.
 */
@Path("/board")
@Produces(MediaType.TEXT_HTML)
public class BoardResource {

  private final Board board;
  private final Sessions sessions;
  private final DevSignIn devSignIn;
  private final Template roles;
  private final Template roleBoard;
  private final Template card;
  private final Template application;
  private final Template signIn;
  private final Template notFound;

  public BoardResource(
      Board board,
      Sessions sessions,
      DevSignIn devSignIn,
      @Location("board/roles.html") Template roles,
      @Location("board/role.html") Template roleBoard,
      @Location("board/card.html") Template card,
      @Location("board/application.html") Template application,
      @Location("board/sign-in.html") Template signIn,
      @Location("not-found.html") Template notFound) {
    this.board = board;
    this.sessions = sessions;
    this.devSignIn = devSignIn;
    this.roles = roles;
    this.roleBoard = roleBoard;
    this.card = card;
    this.application = application;
    this.signIn = signIn;
    this.notFound = notFound;
  }

  @GET
  @Path("/sign-in")
  public Response signInPage() {
    return Response.ok(
            signIn
                .data("devSignIn", devSignIn.enabled())
                .data("embed", false)
                .data("problem", null))
        .build();
  }

  @POST
  @Path("/sign-in")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(@FormParam("name") String name, @FormParam("group") String group) {
    Optional<SignedIn> user = devSignIn.signIn(name, group);
    if (user.isEmpty()) {
      return Response.status(devSignIn.enabled() ? 400 : 403)
          .entity(
              signIn
                  .data("devSignIn", devSignIn.enabled())
                  .data("embed", false)
                  .data(
                      "problem",
                      devSignIn.enabled()
                          ? "Enter your name and choose recruiter or hiring manager."
                          : "The dev sign-in is turned off here."))
          .build();
    }
    return Response.seeOther(URI.create("/board")).cookie(sessions.open(user.get())).build();
  }

  @POST
  @Path("/sign-out")
  public Response signOut() {
    return Response.seeOther(URI.create("/board/sign-in")).cookie(sessions.close()).build();
  }

  @GET
  public Response roles(@CookieParam(Sessions.COOKIE) Cookie session) {
    return as(
        session,
        user -> Response.ok(page(roles, user, session).data("roles", board.roles(user))).build());
  }

  @GET
  @Path("/roles/{id}")
  public Response role(@PathParam("id") String id, @CookieParam(Sessions.COOKIE) Cookie session) {
    return as(
        session,
        user ->
            CareersResource.uuid(id)
                .flatMap(u -> board.board(u, user))
                .map(
                    view -> Response.ok(page(roleBoard, user, session).data("board", view)).build())
                .orElseGet(this::notFound));
  }

  @GET
  @Path("/applications/{id}")
  public Response application(
      @PathParam("id") String id, @CookieParam(Sessions.COOKIE) Cookie session) {
    return as(session, user -> detail(id, user, session, null));
  }

  /**
   * A document's bytes, proxied from the API with the user's token; the API's Content-Type,
   * Content-Disposition (attachment), nosniff and Content-Security-Policy are kept.
   */
  @GET
  @Path("/applications/{id}/documents/{documentId}")
  @Produces(MediaType.WILDCARD)
  public Response document(
      @PathParam("id") String id,
      @PathParam("documentId") String documentId,
      @CookieParam(Sessions.COOKIE) Cookie session) {
    return as(
        session,
        user -> {
          Optional<UUID> app = CareersResource.uuid(id);
          Optional<UUID> doc = CareersResource.uuid(documentId);
          if (app.isEmpty() || doc.isEmpty()) {
            return notFound();
          }
          Gateway.Download download = board.document(app.get(), doc.get(), user);
          if (!download.ok()) {
            try {
              download.body().close();
            } catch (java.io.IOException e) {
              // nothing to keep
            }
            return notFound();
          }
          Response.ResponseBuilder answer =
              Response.ok(
                  (StreamingOutput)
                      out -> {
                        try (var in = download.body()) {
                          in.transferTo(out);
                        }
                      });
          for (String header :
              List.of(
                  "Content-Type",
                  "Content-Length",
                  "Content-Disposition",
                  "X-Content-Type-Options",
                  "Content-Security-Policy")) {
            download.header(header).ifPresent(value -> answer.header(header, value));
          }
          return answer.header("Cache-Control", "no-store").build();
        });
  }

  private Response detail(String id, SignedIn user, Cookie session, String problem) {
    return CareersResource.uuid(id)
        .flatMap(u -> board.application(u, user))
        .map(
            d ->
                Response.status(problem == null ? 200 : 400)
                    .entity(
                        page(application, user, session).data("app", d).data("problem", problem))
                    .build())
        .orElseGet(this::notFound);
  }

  /**
   * Moves a card. htmx gets the card alone (with the refusal, if any); without JavaScript the board
   * is shown again (303 after a move, the board with the message after a refusal).
   */
  @POST
  @Path("/applications/{id}/move")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response move(
      @PathParam("id") String id,
      @FormParam("csrf") String csrf,
      @FormParam("version") long version,
      @FormParam("to") String to,
      @FormParam("reason") String reason,
      @FormParam("roleId") String roleId,
      @HeaderParam("HX-Request") String htmx,
      @CookieParam(Sessions.COOKIE) Cookie session) {
    return asWithCsrf(
        session,
        csrf,
        user -> {
          if (!user.recruiter()) {
            return Response.status(403).entity(page(notFound, user, session)).build();
          }
          Optional<UUID> app = CareersResource.uuid(id);
          if (app.isEmpty()) {
            return notFound();
          }
          Board.Moved moved = board.move(app.get(), version, to, reason, user);
          if ("true".equals(htmx)) {
            return Response.ok(
                    page(card, user, session)
                        .data("card", moved.card())
                        .data("problem", moved.problem())
                        .data("roleId", roleId))
                .build();
          }
          if (!moved.refused()) {
            return Response.seeOther(URI.create("/board/roles/" + safeId(roleId))).build();
          }
          return CareersResource.uuid(roleId)
              .flatMap(r -> board.board(r, user))
              .map(
                  view ->
                      Response.status(moved.status())
                          .entity(
                              page(roleBoard, user, session)
                                  .data("board", view)
                                  .data("conflict", moved.problem())
                                  .data(
                                      "conflictCard",
                                      moved.card() == null ? null : moved.card().id()))
                          .build())
              .orElseGet(this::notFound);
        });
  }

  @POST
  @Path("/applications/{id}/notes")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response note(
      @PathParam("id") String id,
      @FormParam("csrf") String csrf,
      @FormParam("body") String body,
      @CookieParam(Sessions.COOKIE) Cookie session) {
    return asWithCsrf(
        session,
        csrf,
        user ->
            added(
                id,
                user,
                session,
                app ->
                    body == null || body.isBlank()
                        ? Optional.of("Write a note first")
                        : board.addNote(app, body, user)));
  }

  @POST
  @Path("/applications/{id}/evaluations")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response evaluation(
      @PathParam("id") String id,
      @FormParam("csrf") String csrf,
      @FormParam("overallRating") String rating,
      @FormParam("comments") String comments,
      @CookieParam(Sessions.COOKIE) Cookie session) {
    return asWithCsrf(
        session,
        csrf,
        user -> added(id, user, session, app -> board.addEvaluation(app, rating, comments, user)));
  }

  /** After adding a note or evaluation: the application again, with the API's refusal if any. */
  private Response added(
      String id,
      SignedIn user,
      Cookie session,
      java.util.function.Function<UUID, Optional<String>> add) {
    Optional<UUID> app = CareersResource.uuid(id);
    if (app.isEmpty()) {
      return notFound();
    }
    Optional<String> problem = add.apply(app.get());
    return problem.isEmpty()
        ? Response.seeOther(URI.create("/board/applications/" + app.get())).build()
        : detail(id, user, session, problem.get());
  }

  private io.quarkus.qute.TemplateInstance page(Template template, SignedIn user, Cookie session) {
    return template
        .data("user", user)
        .data("csrf", sessions.csrfToken(session))
        .data("embed", false)
        .data("conflict", null)
        .data("conflictCard", null);
  }

  private Response as(Cookie session, java.util.function.Function<SignedIn, Response> action) {
    Optional<SignedIn> user = sessions.read(session);
    if (user.isEmpty()) {
      return Response.seeOther(URI.create("/board/sign-in")).build();
    }
    try {
      return action.apply(user.get());
    } catch (Board.SignInAgain e) {
      return Response.seeOther(URI.create("/board/sign-in")).cookie(sessions.close()).build();
    }
  }

  private Response asWithCsrf(
      Cookie session, String csrf, java.util.function.Function<SignedIn, Response> action) {
    if (sessions.read(session).isPresent() && !sessions.csrfValid(session, csrf)) {
      return Response.status(403)
          .type(MediaType.TEXT_PLAIN)
          .entity("This form has expired; reload the page and try again.")
          .build();
    }
    return as(session, action);
  }

  private Response notFound() {
    return Response.status(404).entity(notFound.data("embed", false)).build();
  }

  private static String safeId(String id) {
    return CareersResource.uuid(id).map(UUID::toString).orElse("");
  }
}
