package dev.ats.infra.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which JDK and which cache a packaged service starts with: a JDK 25+ with its ahead-of-time cache
 * only while the cache is newer than the package, the running JDK with the build's AppCDS archive
 * otherwise (the build and CI have only JDK 17).
 */
class StartupCacheTest {

  @TempDir Path dir;

  private Path jdk(String name, String version) throws IOException {
    Path home = Files.createDirectories(dir.resolve("jvm").resolve(name));
    Files.writeString(
        home.resolve("release"),
        "IMPLEMENTOR=\"Someone\"\nJAVA_VERSION=\"" + version + "\"\nOS_NAME=\"Linux\"\n");
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    java.toFile().setExecutable(true);
    return home;
  }

  private Path packaged(Instant built) throws IOException {
    Path app = Files.createDirectories(dir.resolve("quarkus-app"));
    Path jar = app.resolve("quarkus-run.jar");
    Files.writeString(jar, "jar");
    Files.writeString(app.resolve("app-cds.jsa"), "archive");
    Path lib = Files.createDirectories(app.resolve("lib/main")).resolve("some-library.jar");
    Files.writeString(lib, "lib");
    for (Path f : List.of(jar, app.resolve("app-cds.jsa"), lib)) {
      Files.setLastModifiedTime(f, FileTime.from(built));
    }
    return jar;
  }

  private static void cacheMadeAt(Path jar, Instant made) throws IOException {
    Path cache = StartupCache.file(jar);
    Files.writeString(cache, "cache");
    Files.setLastModifiedTime(cache, FileTime.from(made));
  }

  @Test
  void shouldFindTheNewestJdk25OrLaterBesideTheRunningOne() throws IOException {
    Path running = jdk("java-17-openjdk-amd64", "17.0.15");
    jdk("temurin-21-jdk-amd64", "21.0.7");
    Path jdk25 = jdk("temurin-25-jdk-amd64", "25.0.3");

    assertThat(StartupCache.findJdk(null, running, 17)).contains(jdk25);
    assertThat(StartupCache.feature(jdk25)).isEqualTo(25);
  }

  @Test
  void shouldFindNoneWhereOnlyOlderJdksAreInstalled() throws IOException {
    Path running = jdk("java-17-openjdk-amd64", "17.0.15");
    jdk("temurin-21-jdk-amd64", "21.0.7");

    assertThat(StartupCache.findJdk(null, running, 17)).isEmpty();
  }

  @Test
  void shouldTakeTheNamedJdkOrNoneWhenTold() throws IOException {
    Path running = jdk("java-17-openjdk-amd64", "17.0.15");
    Path jdk25 = jdk("temurin-25-jdk-amd64", "25.0.3");
    Path elsewhere = jdk("elsewhere-26", "26");

    assertThat(StartupCache.findJdk(elsewhere.toString(), running, 17)).contains(elsewhere);
    assertThat(StartupCache.findJdk("none", running, 17)).isEmpty();
    assertThat(StartupCache.findJdk(running.toString(), running, 17))
        .as("a named JDK older than 25 has no AOT cache")
        .isEmpty();
    assertThat(jdk25).exists();
  }

  @Test
  void shouldUseTheCacheOnlyWhileItIsNewerThanEveryFileOfThePackage() throws IOException {
    Instant built = Instant.parse("2026-01-01T10:00:00Z");
    Path jar = packaged(built);
    assertThat(StartupCache.fresh(jar)).as("no cache yet").isFalse();

    cacheMadeAt(jar, built.plusSeconds(60));
    assertThat(StartupCache.fresh(jar)).isTrue();

    Files.setLastModifiedTime(
        jar.resolveSibling("lib/main/some-library.jar"), FileTime.from(built.plusSeconds(120)));
    assertThat(StartupCache.fresh(jar)).as("a rebuilt library: the cache is stale").isFalse();
  }

  @Test
  void shouldStartOnTheRunningJdkWithTheBuildsArchiveWithoutAFreshCache() throws IOException {
    Path jar = packaged(Instant.now());

    List<String> command = SystemProcesses.appCdsCommand(jar, "128m");

    assertThat(command.get(0)).isEqualTo(SystemProcesses.javaExecutable());
    assertThat(command)
        .contains("-Xmx128m", "-XX:SharedArchiveFile=" + jar.resolveSibling("app-cds.jsa"))
        .endsWith("-jar", jar.toString());
  }

  @Test
  void shouldStartOnTheJdk25WithTheCacheItMade() throws IOException {
    Path jdk25 = jdk("temurin-25-jdk-amd64", "25.0.3");
    Path jar = packaged(Instant.now());

    List<String> command =
        StartupCache.command(jdk25, jar, "128m", "-XX:AOTCache=" + StartupCache.file(jar));

    assertThat(command.get(0)).isEqualTo(jdk25.resolve("bin/java").toString());
    assertThat(command)
        .contains("-Xmx128m", "-XX:+UseSerialGC", "-XX:AOTCache=" + StartupCache.file(jar))
        .doesNotContain("-XX:SharedArchiveFile=" + jar.resolveSibling("app-cds.jsa"))
        .endsWith("-jar", jar.toString());
  }
}
