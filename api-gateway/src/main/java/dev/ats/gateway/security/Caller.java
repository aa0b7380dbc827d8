package dev.ats.gateway.security;

import dev.ats.web.security.Groups;
import java.util.Set;

/**
 * Who is calling, as far as the gateway is concerned: a verified token's subject and groups, or
 * nobody ({@link #anonymous()}). A request with an invalid token never becomes a Caller: it is
 * refused with 401 before any authorisation. Groups are named in ats-web's {@link Groups}.
 */
public record Caller(String subject, Set<String> groups) {

  private static final Caller ANONYMOUS = new Caller(null, Set.of());

  public static Caller anonymous() {
    return ANONYMOUS;
  }

  public boolean isAnonymous() {
    return subject == null;
  }

  /** Whether the token carries {@code group}, one of {@link Groups}. */
  public boolean is(String group) {
    return groups.contains(group);
  }
}
