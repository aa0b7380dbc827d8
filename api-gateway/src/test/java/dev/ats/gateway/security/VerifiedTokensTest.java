package dev.ats.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  private static final long NOW = 1_800_000_000_000L;
  private final AtomicLong clock = new AtomicLong(NOW);
  private final VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(5), clock::get);
  private final Caller recruiter = new Caller("ada", Set.of("recruiter"));

  private static long epochSeconds(long millis) {
    return millis / 1000;
  }

  @Test
  void shouldKnowAVerifiedTokenUntilItExpires() {
    tokens.put("token-a", recruiter, epochSeconds(NOW) + 60);

    assertThat(tokens.get("token-a")).contains(recruiter);
    clock.set(NOW + 59_999);
    assertThat(tokens.get("token-a")).contains(recruiter);
  }

  @Test
  void shouldNeverServeATokenAtOrPastItsExpiry() {
    tokens.put("token-a", recruiter, epochSeconds(NOW) + 60);

    clock.set(NOW + 60_000);
    assertThat(tokens.get("token-a")).isEmpty();
    assertThat(tokens.size()).isZero();
  }

  @Test
  void shouldTrustAVerificationNoLongerThanTheMaximumAge() {
    tokens.put("token-a", recruiter, epochSeconds(NOW) + 3600);

    clock.set(NOW + Duration.ofMinutes(5).toMillis());
    assertThat(tokens.get("token-a")).isEmpty();
  }

  @Test
  void shouldNotRememberAnExpiredTokenOrAnAnonymousCaller() {
    tokens.put("expired", recruiter, epochSeconds(NOW) - 1);
    tokens.put("no-exp", recruiter, 0);
    tokens.put("anonymous", Caller.anonymous(), epochSeconds(NOW) + 60);

    assertThat(tokens.get("expired")).isEmpty();
    assertThat(tokens.get("no-exp")).isEmpty();
    assertThat(tokens.get("anonymous")).isEmpty();
    assertThat(tokens.size()).isZero();
  }

  @Test
  void shouldNotTakeAnotherTokenForAVerifiedOne() {
    tokens.put("header.payload.signature", recruiter, epochSeconds(NOW) + 60);

    assertThat(tokens.get("header.payload.signaturf")).isEmpty();
    assertThat(tokens.get("header.payload.")).isEmpty();
  }

  @Test
  void shouldStayWithinItsBound() {
    for (int i = 0; i < 1000; i++) {
      tokens.put("token-" + i, recruiter, epochSeconds(NOW) + 60);
    }

    assertThat(tokens.size()).isLessThanOrEqualTo(100);
    assertThat(tokens.get("token-999")).contains(recruiter);
  }

  @Test
  void shouldMakeRoomByDroppingExpiredTokensFirst() {
    for (int i = 0; i < 99; i++) {
      tokens.put("short-" + i, recruiter, epochSeconds(NOW) + 1);
    }
    tokens.put("long", recruiter, epochSeconds(NOW) + 120);
    clock.set(NOW + 2_000);

    tokens.put("new", recruiter, epochSeconds(NOW) + 120);

    assertThat(tokens.get("long")).contains(recruiter);
    assertThat(tokens.get("new")).contains(recruiter);
    assertThat(tokens.size()).isEqualTo(2);
  }

  @Test
  void shouldCacheNothingWhenTurnedOff() {
    VerifiedTokens off = new VerifiedTokens(0, Duration.ofMinutes(5), clock::get);
    off.put("token-a", recruiter, epochSeconds(NOW) + 60);

    assertThat(off.get("token-a")).isEmpty();
  }

  @Test
  void shouldFindAVerifiedTokenWithinItsAuthorizationHeader() {
    tokens.put("header.payload.signature", recruiter, epochSeconds(NOW) + 60);
    String authorization = "Bearer header.payload.signature";

    assertThat(tokens.find(authorization, 7, authorization.length())).isEqualTo(recruiter);
    assertThat(tokens.find(authorization, 6, authorization.length())).isNull();
    assertThat(tokens.find(authorization, 7, authorization.length() - 1)).isNull();
  }

  @Test
  void shouldNeitherCacheNorMatchATokenWithCharactersOutsideAscii() {
    tokens.put("header.payload.signatur\u00e9", recruiter, epochSeconds(NOW) + 60);
    tokens.put("header.payload.signature", recruiter, epochSeconds(NOW) + 60);

    assertThat(tokens.size()).isEqualTo(1);
    assertThat(tokens.get("header.payload.signatur\u00e9")).isEmpty();
    assertThat(tokens.get("header.payload.signatur?")).isEmpty();
    assertThat(tokens.get("header.payload.signatur\u0165")).isEmpty();
  }

  @Test
  void shouldNotCacheAnEmptyOrOverlongToken() {
    String overlong = "a".repeat(VerifiedTokens.MAX_TOKEN_LENGTH + 1);
    tokens.put("", recruiter, epochSeconds(NOW) + 60);
    tokens.put(overlong, recruiter, epochSeconds(NOW) + 60);

    assertThat(tokens.size()).isZero();
    assertThat(tokens.get(overlong)).isEmpty();
  }
}
