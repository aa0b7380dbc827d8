package dev.ats.applications.domain;

/** What a document attached to an application is: at most one résumé, at most 3 others. */
public enum DocumentKind {
  RESUME,
  COVER_LETTER,
  TRANSCRIPT,
  PORTFOLIO
}
