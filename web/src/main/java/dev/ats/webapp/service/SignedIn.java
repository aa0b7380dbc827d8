package dev.ats.webapp.service;

import dev.ats.web.security.Groups;
import io.quarkus.qute.TemplateData;
import java.time.Instant;

/**
 * Who is signed in to the board: their bearer token (sent to the gateway with every call, never to
 * the browser in readable form), the name to show and their group; {@code signOutUrl} is where
 * signing out sends the browser after the session is cleared (the identity provider's end-session
 * endpoint, for an OpenID Connect sign-in), or null.
 */
@TemplateData
public record SignedIn(
    String token, String name, String group, Instant expiresAt, String signOutUrl) {

  public SignedIn(String token, String name, String group, Instant expiresAt) {
    this(token, name, group, expiresAt, null);
  }

  public boolean recruiter() {
    return Groups.RECRUITER.equals(group);
  }

  public boolean hiringManager() {
    return Groups.HIRING_MANAGER.equals(group);
  }

  public String groupInWords() {
    return recruiter() ? "Recruiter" : hiringManager() ? "Hiring manager" : group;
  }
}
