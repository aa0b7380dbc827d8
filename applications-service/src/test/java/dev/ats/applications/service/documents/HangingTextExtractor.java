package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The tests' {@link TextExtractor}: the real extractors, except for a text file that starts with
 * {@link #MARKER}, which it reads the way a broken parser would, ignoring both its deadline and
 * every interrupt until the test {@linkplain #release() releases} it (or five minutes pass).
 */
@Singleton
public class HangingTextExtractor implements TextExtractor {

  public static final String MARKER = "ATS-TEST-HANG";

  private static volatile CountDownLatch release = new CountDownLatch(1);
  private static volatile Thread hanging;

  private final TextExtractors real;

  public HangingTextExtractor(DocumentsConfig config) {
    this.real = new TextExtractors(config.extraction());
  }

  @Override
  public String extract(String contentType, Path file, TextLimit limit) throws IOException {
    if (DocumentTypes.TXT.equals(contentType) && startsWithMarker(file)) {
      hanging = Thread.currentThread();
      CountDownLatch released = release; // the one release() counts down, not its successor
      long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (System.nanoTime() < giveUp) {
        try {
          if (released.await(100, TimeUnit.MILLISECONDS)) {
            break;
          }
        } catch (InterruptedException ignored) {
          // Ignored on purpose: this is the extractor that does not stop.
        }
      }
      hanging = null;
      return "released";
    }
    return real.extract(contentType, file, limit);
  }

  /** The thread stuck in a marked file now, if any. */
  public static Thread hanging() {
    return hanging;
  }

  /** Lets every stuck extraction end, and makes the next marked file hang again. */
  public static void release() {
    release.countDown();
    release = new CountDownLatch(1);
  }

  private static boolean startsWithMarker(Path file) throws IOException {
    byte[] marker = MARKER.getBytes(StandardCharsets.US_ASCII);
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(marker.length), marker);
    }
  }
}
