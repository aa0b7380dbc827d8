package dev.ats.applications.service.documents;

import java.time.Instant;

/**
 * The text extracted from one document, bounded: at most {@code maxChars} characters kept (the rest
 * is dropped: the text counts as extracted, cut), and a deadline every extractor checks as it goes
 * ({@link #check()}), so a document that takes too long fails instead of holding the job.
 */
public final class TextLimit {

  /** Thrown when a document is over a limit it cannot be read past (time, pages, zip bytes). */
  public static final class Exceeded extends RuntimeException {
    public Exceeded(String message) {
      super(message);
    }
  }

  private final StringBuilder text = new StringBuilder();
  private final int maxChars;
  private final Instant deadline;

  TextLimit(int maxChars, Instant deadline) {
    this.maxChars = maxChars;
    this.deadline = deadline;
  }

  /** Appends what still fits. */
  public void append(CharSequence chars) {
    check();
    int room = maxChars - text.length();
    if (room > 0) {
      text.append(chars, 0, Math.min(room, chars.length()));
    }
  }

  public void append(char c) {
    if (text.length() < maxChars) {
      text.append(c);
    }
  }

  public boolean full() {
    return text.length() >= maxChars;
  }

  /** Throws once the deadline has passed (or the job's thread was interrupted). */
  public void check() {
    if (Thread.currentThread().isInterrupted() || Instant.now().isAfter(deadline)) {
      throw new Exceeded("extraction took longer than allowed");
    }
  }

  public String text() {
    return text.toString();
  }
}
