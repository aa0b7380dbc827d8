package dev.ats.gateway.http;

/**
 * Paths the gateway and a service could read differently: dot segments ({@code /./}, {@code /../},
 * or one at the end), empty segments ({@code //}), encoded slashes, backslashes or dots ({@code
 * %2f}, {@code %5c}, {@code %2e}, any case), a backslash, or {@code ;} (matrix parameters). One
 * pass over the characters, no regular expression: it runs on every request.
 */
public final class AmbiguousPaths {

  private AmbiguousPaths() {}

  public static boolean isAmbiguous(String path) {
    int n = path.length();
    for (int i = 0; i < n; i++) {
      char c = path.charAt(i);
      if (c == ';' || c == '\\') {
        return true;
      }
      if (c == '/' && i + 1 < n) {
        char next = path.charAt(i + 1);
        if (next == '/') {
          return true;
        }
        if (next == '.') {
          int end = i + 2;
          if (end < n && path.charAt(end) == '.') {
            end++;
          }
          if (end == n || path.charAt(end) == '/') {
            return true;
          }
        }
      } else if (c == '%' && i + 2 < n) {
        char high = path.charAt(i + 1);
        char low = path.charAt(i + 2);
        if ((high == '2' && (low == 'f' || low == 'F' || low == 'e' || low == 'E'))
            || (high == '5' && (low == 'c' || low == 'C'))) {
          return true;
        }
      }
    }
    return false;
  }
}
