package dev.ats.applications.service.documents;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads the text of a stored file of a detected type into a {@link TextLimit}. The one
 * implementation is {@link TextExtractors}; {@link TextExtractionJob} takes a CDI bean of this type
 * instead when there is one (a test's, to show what happens when an extractor hangs).
 */
public interface TextExtractor {

  /**
   * @return the text kept by {@code limit}
   */
  String extract(String contentType, Path file, TextLimit limit) throws IOException;
}
