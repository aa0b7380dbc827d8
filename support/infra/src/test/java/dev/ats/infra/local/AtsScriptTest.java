package dev.ats.infra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.ats.infra.system.ManagedProcess;
import dev.ats.infra.system.SystemProcesses;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ats} wrapper: POSIX sh that shellcheck accepts, and that runs the Java launcher with
 * the command line and hands its exit code back. It runs here on a copy of the repository's layout
 * whose launcher is already built (this module's classes), so nothing is built for real.
 */
class AtsScriptTest {

  private static final Path REPOSITORY =
      Path.of(System.getProperty("ats.repository.root", "../..")).toAbsolutePath().normalize();

  @TempDir Path root;
  private final Map<String, String> env = new HashMap<>();

  record Run(int exitCode, String out, String err) {}

  @Test
  void shouldPassShellcheckAsPosixSh() throws Exception {
    Process process;
    try {
      process =
          new ProcessBuilder("shellcheck", "-s", "sh", REPOSITORY.resolve("ats").toString())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      String why =
          "shellcheck is not on the PATH ("
              + e.getMessage()
              + "): the ats wrapper must stay plain POSIX sh; install shellcheck (Debian and"
              + " Ubuntu: apt-get install shellcheck; macOS: brew install shellcheck) to check it.";
      if (System.getenv("CI") == null) {
        // A newcomer with only a JDK can still run ./mvnw verify; CI (CI=true) never skips.
        abort(why + " Skipped because CI is not set.");
      }
      fail(why);
      return;
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("shellcheck -s sh ats:\n" + output).isZero();
  }

  @BeforeEach
  void aRepositoryWithItsLauncherBuilt() throws IOException {
    assumeFalse(ManagedProcess.WINDOWS, "ats is the wrapper for POSIX systems (ats.cmd: Windows)");
    Files.copy(REPOSITORY.resolve("ats"), root.resolve("ats"));
    Path classes = Path.of("target", "classes").toAbsolutePath();
    Path target = Files.createDirectories(root.resolve("support/infra/target"));
    Files.createSymbolicLink(target.resolve("classes"), classes);
    Files.createDirectories(root.resolve(".ats/lib"));
    jar(classes, root.resolve(".ats/lib/ats-infra.jar"));
    String dependencies =
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(
                entry ->
                    !Path.of(entry).toAbsolutePath().startsWith(Path.of("target").toAbsolutePath()))
            .collect(Collectors.joining(File.pathSeparator));
    Files.writeString(root.resolve(".ats/infra.classpath"), dependencies);

    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.putAll(LocalStack.portEnvironment(SystemProcesses.Ports.free()));
  }

  @Test
  void shouldRunTheLauncherAndHandBackItsOutputAndExitCode() throws Exception {
    Run status = ats("status");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out().lines().toList())
        .hasSize(8)
        .allSatisfy(line -> assertThat(line).endsWith(" stopped"));

    Run unknown = ats("deploy", "--everything");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown command: deploy").contains("COMMAND");

    Run token = ats("token", "recruiter");
    assertThat(token.exitCode()).isEqualTo(1);
    assertThat(token.err()).contains("no dev key yet");

    Run subject = ats("keys");
    assertThat(subject.exitCode()).isZero();
    Run withSpaces = ats("token", "integration", "HR sync bot");
    assertThat(withSpaces.exitCode()).as(withSpaces.err()).isZero();
    String claims =
        new String(
            java.util.Base64.getUrlDecoder().decode(withSpaces.out().trim().split("\\.")[1]),
            StandardCharsets.UTF_8);
    assertThat(claims).contains("\"sub\":\"HR sync bot\"");
  }

  @Test
  void shouldBuildTheLauncherAgainWhenItsSourcesChangedAndThenRunIt() throws Exception {
    Path source = root.resolve("support/infra/src/main/java/dev/ats/infra/Changed.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, "class Changed {}\n");
    Files.setLastModifiedTime(
        root.resolve(".ats/infra.classpath"),
        FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));
    fakeMaven("touch .ats/infra.classpath\nexit 0");

    Run status = ats("status");

    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out()).contains("==> Building the launcher").contains(" stopped");
    assertThat(Files.readString(root.resolve("mvnw.args")))
        .contains("-pl support/infra package")
        .contains("dependency:build-classpath");
  }

  @Test
  void shouldShowTheBuildLogWhenTheLauncherCannotBeBuilt() throws Exception {
    Files.delete(root.resolve(".ats/infra.classpath"));
    fakeMaven("echo '[ERROR] COMPILATION ERROR: LocalStack.java:[1,1] nope'\nexit 1");

    Run status = ats("status");

    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.out()).contains("==> Building the launcher").contains("failed");
    assertThat(status.err())
        .contains("Could not build support/infra")
        .contains("COMPILATION ERROR: LocalStack.java");
  }

  private void fakeMaven(String body) throws IOException {
    Files.writeString(
        root.resolve("mvnw"),
        "#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/mvnw.args\"\n" + body + "\n");
  }

  private Run ats(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("sh", root.resolve("ats").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    CompletableFuture<String> out = read(process.getInputStream());
    CompletableFuture<String> err = read(process.getErrorStream());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("./ats " + String.join(" ", args) + " did not finish within 120 s");
    }
    return new Run(process.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> read(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "(unreadable: " + e + ")";
          }
        });
  }

  private static void jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
  }
}
