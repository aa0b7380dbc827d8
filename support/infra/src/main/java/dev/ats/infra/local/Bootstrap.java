package dev.ats.infra.local;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the {@code ats} and {@code ats.cmd} wrappers start {@link LocalStack} with nothing but a JDK:
 * this class uses the JDK only, so it runs from {@code support/infra/target/classes} alone, puts
 * ats-infra and its dependencies on a class loader and calls {@code LocalStack.main}.
 *
 * <ul>
 *   <li>{@code -Dats.root=DIR} (required): the repository. The launcher's state is {@code
 *       DIR/.ats/}: {@code infra.classpath} (ats-infra's dependencies, one line, written by the
 *       wrapper's build) and {@code lib/ats-infra.jar}, a copy of ats-infra that the processes of
 *       the local stack run from, so that {@code ./mvnw clean} does not pull it from under them.
 *   <li>{@code -Dats.launch=check} (the wrappers' first try): exit with {@value #REBUILD_EXIT_CODE}
 *       when ats-infra must be built first (its classpath file is missing or older than its sources
 *       or poms, or there is no jar); the wrapper then builds it and tries again with {@code
 *       -Dats.launch=built}. Either way the copy in {@code .ats/lib} is refreshed from the latest
 *       build. Without {@code ats.launch} (the local stack's own processes) nothing is checked or
 *       copied.
 * </ul>
 */
public final class Bootstrap {

  /** The exit code that asks the wrapper to build support/infra and run again (EX_TEMPFAIL). */
  public static final int REBUILD_EXIT_CODE = 75;

  /** Set by this class: the jar the launcher's own processes run from. */
  public static final String INFRA_JAR_PROPERTY = "ats.infra.jar";

  private Bootstrap() {}

  public static void main(String[] args) throws Exception {
    String rootProperty = System.getProperty("ats.root");
    if (rootProperty == null) {
      System.err.println("Bootstrap needs -Dats.root=<the repository>");
      System.exit(2);
    }
    Path root = Path.of(rootProperty).toAbsolutePath().normalize();
    Path state = root.resolve(".ats");
    Path classpathFile = state.resolve("infra.classpath");
    Path jar = state.resolve("lib").resolve("ats-infra.jar");
    String launch = System.getProperty("ats.launch", "");
    if (launch.equals("check") && stale(root, classpathFile)) {
      System.exit(REBUILD_EXIT_CODE);
    }
    if (!launch.isEmpty() && !refreshJar(root, jar) && launch.equals("check")) {
      System.exit(REBUILD_EXIT_CODE);
    }
    if (!Files.isRegularFile(classpathFile) || !Files.isRegularFile(jar)) {
      System.err.println(
          "The launcher is not built: run ./ats (or ats.cmd) from " + root + " to build it.");
      System.exit(1);
    }
    List<URL> urls = new ArrayList<>();
    urls.add(jar.toUri().toURL());
    for (String entry : Files.readString(classpathFile).trim().split(java.io.File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    System.setProperty(INFRA_JAR_PROPERTY, jar.toString());
    URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    Method main =
        loader.loadClass("dev.ats.infra.local.LocalStack").getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  /** Whether ats-infra's sources or poms changed since its classpath file was written. */
  static boolean stale(Path root, Path classpathFile) throws IOException {
    if (!Files.isRegularFile(classpathFile)) {
      return true;
    }
    FileTime built = Files.getLastModifiedTime(classpathFile);
    Path infra = root.resolve("support").resolve("infra");
    List<Path> inputs =
        List.of(root.resolve("pom.xml"), infra.resolve("pom.xml"), infra.resolve("src/main"));
    for (Path input : inputs) {
      if (!Files.exists(input)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(input)) {
        if (files.anyMatch(f -> newer(f, built))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean newer(Path file, FileTime than) {
    try {
      return Files.isRegularFile(file) && Files.getLastModifiedTime(file).compareTo(than) > 0;
    } catch (IOException e) {
      return true;
    }
  }

  /**
   * Copies the newest build of ats-infra to {@code jar} unless the copy is up to date; the copy is
   * replaced atomically, so the processes that run from the old one keep it.
   *
   * @return false if there is neither a build nor a copy
   */
  static boolean refreshJar(Path root, Path jar) throws IOException {
    Optional<Path> built = builtJar(root.resolve("support/infra/target"));
    if (built.isEmpty()) {
      return Files.isRegularFile(jar);
    }
    if (Files.isRegularFile(jar)
        && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(built.get())) >= 0) {
      return true;
    }
    Files.createDirectories(jar.getParent());
    Path next = jar.resolveSibling("ats-infra.jar.next");
    Files.copy(built.get(), next, StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(next, Files.getLastModifiedTime(built.get()));
    try {
      Files.move(next, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Windows keeps a jar open by a running process: go on with the copy that is there
      Files.deleteIfExists(next);
      if (!Files.isRegularFile(jar)) {
        throw e;
      }
      System.err.println(
          "note: "
              + jar
              + " is in use, so the launcher runs the previous build of ats-infra;"
              + " run ./ats down and try again to use the new one.");
    }
    return true;
  }

  private static Optional<Path> builtJar(Path target) throws IOException {
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    Path newest = null;
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "ats-infra-*.jar")) {
      for (Path candidate : jars) {
        String name = candidate.getFileName().toString();
        if (name.endsWith("-sources.jar") || name.endsWith("-tests.jar")) {
          continue;
        }
        if (newest == null
            || Files.getLastModifiedTime(candidate).compareTo(Files.getLastModifiedTime(newest))
                > 0) {
          newest = candidate;
        }
      }
    }
    return Optional.ofNullable(newest);
  }
}
