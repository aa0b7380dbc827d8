package dev.ats.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written path check refuses exactly what the regular expression it replaced refused. */
class AmbiguousPathsTest {

  /** The rule as it was written before (a regular expression on every request). */
  private static final Pattern RULE = Pattern.compile("(?i)/\\.{1,2}(/|$)|//|%2f|%5c|%2e|\\\\|;");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/roles/%2e%2e/notifications",
        "/api/v1/roles/x%2Fy",
        "/api/v1/roles/x%5Cy",
        "/api/v1/roles/x%5cy",
        "/api/v1/roles/%2E",
        "/api/v1/roles/7;v=1",
        "/api/v1/roles/./7",
        "/api/v1/roles/../notifications",
        "/api/v1/roles/.",
        "/api/v1/roles/..",
        "/api/v1//roles",
        "/api/v1/roles\\7",
        "/careers/..%2fboard",
        "//"
      })
  void shouldRefuseAmbiguousPaths(String path) {
    assertThat(AmbiguousPaths.isAmbiguous(path)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/roles",
        "/api/v1/roles/",
        "/api/v1/roles/7/pipeline",
        "/api/v1/roles/.well-known",
        "/api/v1/roles/...",
        "/api/v1/roles/a.b",
        "/api/v1/roles/x%20y",
        "/api/v1/roles/%2",
        "/api/v1/roles/%",
        "/careers/0b8c3a52-1f6e-4d0a-9f43-6f3c2b1e7a90",
        "/"
      })
  void shouldPassUnambiguousPaths(String path) {
    assertThat(AmbiguousPaths.isAmbiguous(path)).isFalse();
  }

  @Test
  void shouldAgreeWithTheRegularExpressionOnRandomPaths() {
    String alphabet = "/.;\\%25cCeEfFa";
    Random random = new Random(16);
    List<String> disagreements = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      StringBuilder path = new StringBuilder("/");
      int length = random.nextInt(10);
      for (int j = 0; j < length; j++) {
        path.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String p = path.toString();
      if (AmbiguousPaths.isAmbiguous(p) != RULE.matcher(p).find()) {
        disagreements.add(p);
      }
    }
    assertThat(disagreements).isEmpty();
  }
}
