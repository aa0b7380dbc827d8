package dev.ats.applications.service.documents;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * The plain text of an RTF file, read in one pass: control words dropped ({@code \par} and {@code
 * \line} become line breaks, {@code \tab} a tab), {@code \'hh} as Windows-1252, {@code \}{@code u}N
 * as Unicode (skipping its one fallback character), and the groups that hold no body text (font and
 * colour tables, styles, pictures, {@code \*} destinations) skipped.
 */
final class Rtf {

  private static final Charset CP1252 = Charset.forName("windows-1252");
  private static final Set<String> SKIPPED =
      Set.of(
          "fonttbl",
          "colortbl",
          "stylesheet",
          "info",
          "pict",
          "header",
          "footer",
          "object",
          "themedata",
          "datastore",
          "listtable",
          "listoverridetable",
          "rsidtbl",
          "generator");

  private Rtf() {}

  static void read(Path file, TextLimit text) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      Deque<Boolean> skipping = new ArrayDeque<>();
      boolean skip = false;
      int skipFallback = 0;
      int c;
      long n = 0;
      while ((c = in.read()) >= 0 && !text.full()) {
        if ((++n & 0xFFFF) == 0) {
          text.check();
        }
        if (c == '{') {
          skipping.push(skip);
        } else if (c == '}') {
          skip = skipping.isEmpty() ? false : skipping.pop();
        } else if (c == '\\') {
          in.mark(64);
          int next = in.read();
          if (next < 0) {
            break;
          }
          if (next == '\'') {
            int value =
                Integer.parseInt(
                    new String(new byte[] {(byte) in.read(), (byte) in.read()}, CP1252), 16);
            if (!skip && skipFallback-- <= 0) {
              text.append(new String(new byte[] {(byte) value}, CP1252));
            }
          } else if (next == '*') {
            skip = true;
          } else if (Character.isLetter(next)) {
            StringBuilder word = new StringBuilder().append((char) next);
            int d;
            while ((d = in.read()) >= 0 && Character.isLetter(d) && word.length() < 32) {
              word.append((char) d);
            }
            StringBuilder number = new StringBuilder();
            if (d == '-' || Character.isDigit(d)) {
              number.append((char) d);
              while ((d = in.read()) >= 0 && Character.isDigit(d) && number.length() < 12) {
                number.append((char) d);
              }
            }
            String w = word.toString();
            if (SKIPPED.contains(w)) {
              skip = true;
            } else if (!skip) {
              switch (w) {
                case "par", "line", "sect", "page" -> text.append('\n');
                case "tab" -> text.append('\t');
                case "u" -> {
                  try {
                    int code = Integer.parseInt(number.toString());
                    text.append((char) (code < 0 ? code + 65536 : code));
                    skipFallback = 1;
                  } catch (NumberFormatException e) {
                    // not a character
                  }
                }
                default -> {}
              }
            }
            if (d >= 0 && d != ' ') {
              // the delimiter belongs to the text (or is the next control)
              if (d == '\\' || d == '{' || d == '}') {
                in.reset();
                in.skip((long) word.length() + number.length());
              } else if (!skip && d != '\r' && d != '\n') {
                if (skipFallback-- <= 0) {
                  text.append((char) d);
                }
              }
            }
          } else if (!skip) {
            // an escaped symbol: \\ \{ \} or \~ (non-breaking space)
            text.append(next == '~' ? ' ' : (char) next);
          }
        } else if (!skip && c != '\r' && c != '\n') {
          if (skipFallback > 0) {
            skipFallback--;
          } else {
            text.append((char) c);
          }
        }
      }
    }
  }
}
