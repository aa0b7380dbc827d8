package dev.ats.gateway.security;

import dev.ats.web.security.Groups;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Who may do what, decided at the front door (the services check the same tokens again). The matrix
 * is documented in the gateway's README; keep the two in step.
 *
 * <ul>
 *   <li>Anyone: {@code GET /api/v1/roles}, {@code GET /api/v1/roles/{id}}, {@code POST
 *       /api/v1/applications}, {@code POST /api/v1/documents}, and with an {@code
 *       X-Application-Token} header {@code GET /api/v1/applications/{id}}, {@code GET
 *       /api/v1/applications/{id}/documents[/{documentId}]} and {@code POST
 *       /api/v1/applications/{id}/withdraw}.
 *   <li>{@code recruiter}: everything.
 *   <li>{@code hiring-manager}: reads under roles (a role's {@code /pipeline} included) and
 *       applications; {@code POST /api/v1/applications/{id}/notes} and {@code /evaluations}. Not
 *       the reports.
 *   <li>{@code integration}: reads under roles, applications, notifications and reports.
 * </ul>
 */
@ApplicationScoped
public class AccessPolicy {

  public enum Decision {
    ALLOW,
    /** Needs a valid token: 401. */
    AUTHENTICATE,
    /** The token's groups do not allow it: 403. */
    FORBID
  }

  /**
   * @param segments the normalised path below {@code /api/v1}, e.g. {@code [applications, 42,
   *     notes]}
   */
  public Decision decide(
      Caller caller, HttpMethod method, List<String> segments, boolean applicationToken) {
    if (openToAnyone(method, segments, applicationToken)) {
      return Decision.ALLOW;
    }
    if (caller.isAnonymous()) {
      return Decision.AUTHENTICATE;
    }
    if (caller.is(Groups.RECRUITER)) {
      return Decision.ALLOW;
    }
    String family = segments.isEmpty() ? "" : segments.get(0);
    boolean read = isRead(method);
    if (caller.is(Groups.HIRING_MANAGER)) {
      if (read && (family.equals("roles") || family.equals("applications"))) {
        return Decision.ALLOW;
      }
      if (method == HttpMethod.POST
          && family.equals("applications")
          && segments.size() == 3
          && (segments.get(2).equals("notes") || segments.get(2).equals("evaluations"))) {
        return Decision.ALLOW;
      }
    }
    if (caller.is(Groups.INTEGRATION)
        && read
        && (family.equals("roles")
            || family.equals("applications")
            || family.equals("notifications")
            || family.equals("reports"))) {
      return Decision.ALLOW;
    }
    return Decision.FORBID;
  }

  private static boolean openToAnyone(
      HttpMethod method, List<String> segments, boolean applicationToken) {
    String family = segments.isEmpty() ? "" : segments.get(0);
    int depth = segments.size();
    if (family.equals("roles")) {
      // The roles service shows anonymous callers OPEN roles only.
      return isRead(method) && depth <= 2;
    }
    if (family.equals("documents")) {
      return method == HttpMethod.POST && depth == 1; // upload, before submitting
    }
    if (family.equals("applications")) {
      if (method == HttpMethod.POST && depth == 1) {
        return true; // submit
      }
      // The applications service checks that the token belongs to that application.
      return applicationToken
          && ((isRead(method) && depth == 2)
              || (isRead(method)
                  && (depth == 3 || depth == 4)
                  && segments.get(2).equals("documents"))
              || (method == HttpMethod.POST && depth == 3 && segments.get(2).equals("withdraw")));
    }
    return false;
  }

  private static boolean isRead(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.HEAD;
  }
}
