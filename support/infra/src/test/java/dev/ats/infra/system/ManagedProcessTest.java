package dev.ats.infra.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.system.SystemProcesses.InfraJvm;
import dev.ats.infra.system.SystemProcesses.Layout;
import dev.ats.infra.system.SystemProcesses.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's processes outlive the JVM that starts them and are found again by their pid
 * file: the SMTP sink (the lightest of them) stands in for all, started the way {@code ./ats up}
 * starts it. Each {@link SystemProcesses} here is a new "./ats" invocation.
 */
class ManagedProcessTest {

  @TempDir Path state;
  private final Ports ports = Ports.free();
  private ManagedProcess started;

  private SystemProcesses invocation() {
    return new SystemProcesses(
        new Layout(
            state,
            state,
            state.resolve("logs"),
            state.resolve("data"),
            state.resolve("public.pem"),
            "https://ats.local",
            ports,
            "64m"),
        InfraJvm.currentClasspath(),
        service -> Map.of());
  }

  private ManagedProcess smtp(SystemProcesses system) {
    return system.smtp(state.resolve("mail"));
  }

  @Test
  void shouldFindAProcessAgainByItsPidFileAndStopItGracefully() {
    started = smtp(invocation());
    assertThat(started.start()).isTrue();
    started.awaitReadyFile(SystemProcesses.INFRA_TIMEOUT);
    long pid = started.pid().orElseThrow();

    ManagedProcess later = smtp(invocation());
    assertThat(later.alive()).isTrue();
    assertThat(later.pid()).contains(pid);
    assertThat(later.readyFileWritten()).isTrue();
    assertThat(later.start()).as("already running: not started twice").isFalse();
    assertThat(ManagedProcess.portInUse(ports.smtp())).isTrue();

    assertThat(later.stop(Duration.ofSeconds(30))).as("stopped without being killed").isTrue();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(state.resolve("pids/smtp.pid")).doesNotExist();
    assertThat(state.resolve("pids/smtp.ready")).doesNotExist();
    assertThat(smtp(invocation()).alive()).isFalse();
    assertThat(ManagedProcess.tail(state.resolve("logs/smtp.log"), 5))
        .contains("SMTP sink ready on port " + ports.smtp());
  }

  @Test
  void shouldNeverTakeAnotherProcessWithAReusedPidForItsOwn() throws Exception {
    started = smtp(invocation());
    started.start();
    started.awaitReadyFile(SystemProcesses.INFRA_TIMEOUT);
    long pid = started.pid().orElseThrow();
    // the pid file of a process that ran before a reboot: same pid, another start time
    Files.writeString(state.resolve("pids/smtp.pid"), pid + "\n" + 1_000_000_000_000L + "\n");

    ManagedProcess stale = smtp(invocation());
    assertThat(stale.alive()).isFalse();
    stale.stop(Duration.ofSeconds(5));

    assertThat(started.alive()).as("the other process was left alone").isTrue();
  }

  @Test
  void shouldKillAProcessOutright() {
    started = smtp(invocation());
    started.start();
    started.awaitReadyFile(SystemProcesses.INFRA_TIMEOUT);

    started.kill();

    assertThat(started.alive()).isFalse();
    assertThat(state.resolve("pids/smtp.ready")).as("no chance to tidy up").exists();
    assertThat(smtp(invocation()).readyFileWritten()).isFalse();
  }

  @Test
  void shouldSayWhenAProcessExitsInsteadOfBecomingReady() {
    ManagedProcess broken =
        ManagedProcess.named("broken")
            .command(
                InfraJvm.currentClasspath()
                    .command("64m", null, java.util.List.of("postgres", "x", "not-a-port")))
            .log(state.resolve("broken.log"), false)
            .readyFile(state.resolve("broken.ready"))
            .build();
    broken.start();

    ManagedProcess.NotReadyException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ManagedProcess.NotReadyException.class,
            () -> broken.awaitReadyFile(SystemProcesses.INFRA_TIMEOUT));

    assertThat(e.exited()).isTrue();
    assertThat(e.reason()).isEqualTo("broken exited.");
    assertThat(e.getMessage()).contains("NumberFormatException").contains("not-a-port");
  }

  @AfterEach
  void stopWhatWasStarted() {
    if (started != null && started.alive()) {
      started.stop(Duration.ofSeconds(30));
    }
  }
}
