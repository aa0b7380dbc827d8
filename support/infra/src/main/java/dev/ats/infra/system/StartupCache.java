package dev.ats.infra.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How a packaged service is started: on a JDK 25 or newer with its ahead-of-time cache ({@value
 * #FILE} next to {@code quarkus-run.jar}: JEP 483/514/515, classes loaded and linked and method
 * profiles recorded by a training run) when both exist, otherwise on the running JDK (17) with the
 * class-data archive the build made ({@code app-cds.jsa}).
 *
 * <p>The JDK 25 is {@value #JAVA_HOME_VARIABLE} (environment) or {@code ats.service-java-home}
 * (system property) if set ({@code none}: never), else the newest JDK 25+ installed beside the
 * running one (the folders of {@code /usr/lib/jvm}, say). The build itself stays on JDK 17: the
 * cache is made after it, by {@link SystemProcesses#trainStartupCache} (a start of the service
 * against the running PostgreSQL and Kafka, stopped once ready), and is used only while it is newer
 * than every file of the package; a JVM that cannot use it ({@code -XX:AOTMode=auto}, the default)
 * warns and starts without it.
 */
public final class StartupCache {

  /** The cache, next to {@code quarkus-run.jar}. */
  public static final String FILE = "app.aot";

  /** The environment variable that names the JDK 25+ home for the services ({@code none}: off). */
  public static final String JAVA_HOME_VARIABLE = "ATS_SERVICE_JAVA_HOME";

  static final String JAVA_HOME_PROPERTY = "ats.service-java-home";

  /** The first JDK whose one-step training ({@code -XX:AOTCacheOutput}, JEP 514) we rely on. */
  static final int MIN_FEATURE = 25;

  private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)[^\"]*\"");

  private static volatile Optional<Path> jdk;

  private StartupCache() {}

  /** The JDK 25+ home the services run on when their cache exists, if there is one. */
  public static Optional<Path> jdk() {
    Optional<Path> found = jdk;
    if (found == null) {
      found = findJdk();
      jdk = found;
    }
    return found;
  }

  private static Optional<Path> findJdk() {
    return findJdk(
        System.getProperty(JAVA_HOME_PROPERTY, System.getenv(JAVA_HOME_VARIABLE)),
        Path.of(System.getProperty("java.home")),
        Runtime.version().feature());
  }

  /**
   * @param chosen the JDK home the user named (or {@code none}), or null
   * @param running the running JDK's home
   * @param runningFeature the running JDK's feature release
   */
  static Optional<Path> findJdk(String chosen, Path running, int runningFeature) {
    if (chosen != null && !chosen.isBlank()) {
      if (chosen.trim().equalsIgnoreCase("none")) {
        return Optional.empty();
      }
      Path home = Path.of(chosen.trim());
      return feature(home) >= MIN_FEATURE && Files.isExecutable(java(home))
          ? Optional.of(home)
          : Optional.empty();
    }
    if (runningFeature >= MIN_FEATURE) {
      return Optional.of(running);
    }
    Path folder = running.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(folder)) {
      return homes
          .filter(home -> feature(home) >= MIN_FEATURE && Files.isExecutable(java(home)))
          .max(
              Comparator.comparingInt(StartupCache::feature)
                  .thenComparing(home -> home.getFileName().toString()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The feature release (17, 25, …) of the JDK at {@code home}, from its release file; 0 if none.
   */
  public static int feature(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return 0;
    }
    try (Stream<String> lines = Files.lines(release)) {
      return lines
          .map(VERSION::matcher)
          .filter(Matcher::find)
          .map(m -> Integer.parseInt(m.group(1)))
          .findFirst()
          .orElse(0);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static Path java(Path home) {
    return home.resolve("bin").resolve(ManagedProcess.WINDOWS ? "java.exe" : "java");
  }

  /** The cache of the service packaged as {@code jar}. */
  public static Path file(Path jar) {
    return jar.resolveSibling(FILE);
  }

  /** Whether the cache exists and is newer than every other file of the package. */
  public static boolean fresh(Path jar) {
    Path cache = file(jar);
    if (!Files.isRegularFile(cache)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(jar.getParent())) {
      FileTime made = Files.getLastModifiedTime(cache);
      return files
          .filter(Files::isRegularFile)
          .filter(f -> !f.getFileName().toString().startsWith(FILE))
          .allMatch(
              f -> {
                try {
                  return Files.getLastModifiedTime(f).compareTo(made) <= 0;
                } catch (IOException e) {
                  return false;
                }
              });
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * {@code java} of {@code jdk} with the services' options: bounded heap, the serial collector, no
   * perf-data sampling, and {@code cacheOption} ({@code -XX:AOTCache=…} to use the cache, {@code
   * -XX:AOTCacheOutput=…} to train it). Netty's use of {@code sun.misc.Unsafe} is allowed, as it is
   * on JDK 17 (JDK 24+ would warn once per start).
   */
  static List<String> command(Path jdk, Path jar, String heap, String cacheOption) {
    List<String> command = new ArrayList<>();
    command.add(java(jdk).toString());
    command.add("-Xmx" + heap);
    command.add("-XX:+UseSerialGC");
    command.add("-XX:-UsePerfData");
    command.add("--sun-misc-unsafe-memory-access=allow");
    command.add(cacheOption);
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  /** For logs: which way a service starts. */
  public static String describe(Path jar) {
    Optional<Path> home = jdk();
    if (home.isPresent() && fresh(jar)) {
      return String.format(Locale.ROOT, "JDK %d with %s", feature(home.get()), FILE);
    }
    return "JDK " + Runtime.version().feature() + " with app-cds.jsa";
  }
}
