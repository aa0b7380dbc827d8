package dev.ats.webapp.rest;

import dev.ats.webapp.service.Board;
import dev.ats.webapp.service.DevSignIn;
import dev.ats.webapp.service.Gateway;
import dev.ats.webapp.service.OidcSignIn;
import dev.ats.webapp.service.SignedIn;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;

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
  private final OidcSignIn oidcSignIn;
  private final SecurityIdentity identity;
  private final Instance<OidcSession> oidcSession;
  private final Instance<OidcConfigurationMetadata> oidcMetadata;
  private final Template roles;
  private final Template roleBoard;
  private final Template card;
  private final Template application;
  private final Template signIn;
  private final Template signedIn;
  private final Template signedOut;
  private final Template notFound;

  public BoardResource(
      Board board,
      Sessions sessions,
      DevSignIn devSignIn,
      OidcSignIn oidcSignIn,
      SecurityIdentity identity,
      Instance<OidcSession> oidcSession,
      Instance<OidcConfigurationMetadata> oidcMetadata,
      @Location("board/roles.html") Template roles,
      @Location("board/role.html") Template roleBoard,
      @Location("board/card.html") Template card,
      @Location("board/application.html") Template application,
      @Location("board/sign-in.html") Template signIn,
      @Location("board/signed-in.html") Template signedIn,
      @Location("board/signed-out.html") Template signedOut,
      @Location("not-found.html") Template notFound) {
    this.board = board;
    this.sessions = sessions;
    this.devSignIn = devSignIn;
    this.oidcSignIn = oidcSignIn;
    this.identity = identity;
    this.oidcSession = oidcSession;
    this.oidcMetadata = oidcMetadata;
    this.roles = roles;
    this.roleBoard = roleBoard;
    this.card = card;
    this.application = application;
    this.signIn = signIn;
    this.signedIn = signedIn;
    this.signedOut = signedOut;
    this.notFound = notFound;
  }

  @GET
  @Path("/sign-in")
  public Response signInPage(@CookieParam(Sessions.SIGN_IN_COOKIE) Cookie nonce) {
    return signInForm(200, nonce, null);
  }

  /**
   * The sign-in page, with the CSRF token of the dev sign-in's form: the HMAC of the browser's
   * sign-in cookie (set here when it has none and the dev sign-in is on).
   */
  private Response signInForm(int status, Cookie nonce, String problem) {
    boolean none = nonce == null || nonce.getValue() == null || nonce.getValue().isBlank();
    NewCookie fresh = devSignIn.enabled() && none ? sessions.signInNonce() : null;
    String value = fresh != null ? fresh.getValue() : none ? "" : nonce.getValue();
    Response.ResponseBuilder answer =
        Response.status(status)
            .entity(
                signIn
                    .data("devSignIn", devSignIn.enabled())
                    .data("oidc", oidcSignIn.enabled())
                    .data("csrf", sessions.signInCsrfToken(value))
                    .data("embed", false)
                    .data("problem", problem));
    return fresh == null ? answer.build() : answer.cookie(fresh).build();
  }

  @POST
  @Path("/sign-in")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signIn(
      @FormParam("name") String name,
      @FormParam("group") String group,
      @FormParam("csrf") String csrf,
      @CookieParam(Sessions.SIGN_IN_COOKIE) Cookie nonce) {
    if (!devSignIn.enabled()) {
      return signInForm(403, nonce, "The dev sign-in is turned off here.");
    }
    if (!sessions.signInCsrfValid(nonce, csrf)) {
      // Another site's form cannot sign this browser in as someone else (login CSRF).
      return signInForm(403, nonce, "This form has expired; try again.");
    }
    Optional<SignedIn> user = devSignIn.signIn(name, group);
    if (user.isEmpty()) {
      return signInForm(400, nonce, "Enter your name and choose recruiter or hiring manager.");
    }
    return Response.seeOther(URI.create("/board")).cookie(sessions.open(user.get())).build();
  }

  /**
   * The end of the OpenID Connect sign-in. Quarkus' OIDC (authorization code flow) protects this
   * path alone: an anonymous visitor is sent to the identity provider and comes back here signed
   * in. The provider's access token then goes into the board's own session cookie, and Quarkus'
   * session cookie is removed: one session, the same as the dev sign-in's. The board is reached
   * from a page of this site (not by a redirect), so the browser sends the SameSite=Strict cookie
   * although the sign-in began on the provider's site.
   */
  @GET
  @Path("/sign-in/oidc")
  public Response signInWithOidc(@Context UriInfo uri) {
    if (!oidcSignIn.enabled() || identity.isAnonymous()) {
      return notFound();
    }
    AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
    String name = null;
    if (identity.getPrincipal() instanceof JsonWebToken idToken) {
      name =
          Stream.of("name", "preferred_username", "email")
              .map(idToken::<Object>getClaim)
              .filter(v -> v != null && !v.toString().isBlank())
              .map(v -> v.toString().replaceAll("^\"|\"$", ""))
              .findFirst()
              .orElse(null);
    }
    String endSession = null;
    if (oidcMetadata.isResolvable()) {
      endSession = oidcMetadata.get().getEndSessionUri();
    }
    Optional<SignedIn> user =
        oidcSignIn.signIn(
            new OidcSignIn.Tokens(access == null ? null : access.getToken(), name, endSession),
            uri.getBaseUriBuilder().path("board/sign-in").build());
    // Quarkus' own session is not kept either way: the board's cookie is the only session.
    oidcSession.get().logout().await().indefinitely();
    if (user.isEmpty()) {
      return Response.status(403)
          .entity(
              signedIn
                  .data("user", null)
                  .data("embed", false)
                  .data(
                      "problem",
                      "Your account is in neither the recruiter nor the hiring-manager group."
                          + " Ask your administrator."))
          .build();
    }
    return Response.ok(signedIn.data("user", user.get()).data("embed", false).data("problem", null))
        .cookie(sessions.open(user.get()))
        .header("Cache-Control", "no-store")
        .build();
  }

  /**
   * Ends the session (the form carries its CSRF token); after an OpenID Connect sign-in the browser
   * goes on to the provider's end-session endpoint (RP-initiated logout) from a page of this site,
   * and the provider sends it back to the sign-in page.
   */
  @POST
  @Path("/sign-out")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response signOut(
      @FormParam("csrf") String csrf, @CookieParam(Sessions.COOKIE) Cookie session) {
    Optional<SignedIn> user = sessions.read(session);
    if (user.isPresent() && !sessions.csrfValid(session, csrf)) {
      return Response.status(403)
          .type(MediaType.TEXT_PLAIN)
          .entity("This form has expired; reload the page and try again.")
          .build();
    }
    String provider = user.map(SignedIn::signOutUrl).orElse(null);
    if (provider == null) {
      return Response.seeOther(URI.create("/board/sign-in")).cookie(sessions.close()).build();
    }
    // A page, not a redirect: the form's CSP (form-action 'self') would stop a redirect to the
    // provider's origin.
    return Response.ok(signedOut.data("signOutUrl", provider).data("embed", false))
        .cookie(sessions.close())
        .build();
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
