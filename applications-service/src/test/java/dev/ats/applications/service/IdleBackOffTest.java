package dev.ats.applications.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A periodic job that finds nothing runs less and less often, and at once again after work. */
class IdleBackOffTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void shouldDoubleTheWaitAfterEachIdleRunUpToTheIdleInterval() {
    IdleBackOff idle = new IdleBackOff(Duration.ofSeconds(5), Duration.ofSeconds(60));

    assertThat(idle.waitNanos(0)).isEqualTo(5 * SECOND);
    assertThat(idle.waitNanos(1)).isEqualTo(10 * SECOND);
    assertThat(idle.waitNanos(3)).isEqualTo(40 * SECOND);
    assertThat(idle.waitNanos(4)).isEqualTo(60 * SECOND);
    assertThat(idle.waitNanos(30)).isEqualTo(60 * SECOND);
  }

  @Test
  void shouldSkipTheTicksOfTheWaitAndRunEveryTickAgainOnceItFindsWork() {
    IdleBackOff idle = new IdleBackOff(Duration.ofSeconds(5), Duration.ofSeconds(60));
    long t = 0;
    assertThat(idle.due(t)).isTrue();
    idle.ran(t, false); // idle once: the next run 10 s later, the tick at 5 s is skipped

    assertThat(idle.due(t + 5 * SECOND)).isFalse();
    assertThat(idle.due(t + 10 * SECOND)).isTrue();
    t += 10 * SECOND;
    idle.ran(t, true); // found work: every tick again

    assertThat(idle.due(t + 5 * SECOND)).isTrue();
  }

  @Test
  void shouldNeverBackOffWhenTheIdleIntervalIsTheInterval() {
    IdleBackOff idle = new IdleBackOff(Duration.ofSeconds(1), Duration.ofSeconds(1));
    idle.ran(0, false);
    idle.ran(SECOND, false);

    assertThat(idle.due(2 * SECOND)).isTrue();
  }
}
