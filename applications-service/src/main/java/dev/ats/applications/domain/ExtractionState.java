package dev.ats.applications.domain;

/** Where a document's text extraction stands. */
public enum ExtractionState {
  /** Claimed by a submission, not yet tried by the extraction job. */
  PENDING,
  /** Text extracted ({@code text_extracted} true). */
  DONE,
  /** Stored but no text: unparseable, encrypted, or over a page, size or time limit. */
  FAILED
}
