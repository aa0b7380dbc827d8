package dev.ats.applications.domain;

/** One criterion of an evaluation (scorecard): a rating 1–4 and an optional comment. */
public record CriterionRating(String criterion, int rating, String comment) {

  /** This rating with its comment replaced by {@code placeholder} (if it had one). */
  public CriterionRating withCommentErased(String placeholder) {
    return new CriterionRating(criterion, rating, comment == null ? null : placeholder);
  }
}
