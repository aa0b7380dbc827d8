package dev.ats.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bucket's arithmetic, on a clock the test moves by hand. */
class TokenBucketTest {

  private static final long MINUTE = Duration.ofMinutes(1).toNanos();

  @Test
  void shouldAllowUpToTheLimitThenTellWhenTheNextRequestMayCome() {
    TokenBucket bucket = new TokenBucket(3, MINUTE, 0);

    assertThat(bucket.take(0)).isEqualTo(new RateLimitDecision(true, 3, 2, 20, 0));
    assertThat(bucket.take(0)).isEqualTo(new RateLimitDecision(true, 3, 1, 40, 0));
    assertThat(bucket.take(0)).isEqualTo(new RateLimitDecision(true, 3, 0, 60, 20));
    assertThat(bucket.take(0)).isEqualTo(new RateLimitDecision(false, 3, 0, 60, 20));
  }

  @Test
  void shouldRefillEvenlyOverThePeriod() {
    TokenBucket bucket = new TokenBucket(3, MINUTE, 0);
    bucket.take(0);
    bucket.take(0);
    bucket.take(0);

    // 20 s later one token is back.
    RateLimitDecision later = bucket.take(MINUTE / 3);
    assertThat(later.allowed()).isTrue();
    assertThat(later.remaining()).isZero();
    assertThat(bucket.take(MINUTE / 3).allowed()).isFalse();
  }

  @Test
  void shouldNeverHoldMoreThanTheLimitAndCountAsIdleOnceFull() {
    TokenBucket bucket = new TokenBucket(3, MINUTE, 0);
    bucket.take(0);
    assertThat(bucket.isFull(0)).isFalse();

    assertThat(bucket.isFull(10 * MINUTE)).isTrue();
    assertThat(bucket.take(10 * MINUTE).remaining()).isEqualTo(2);
  }
}
