package dev.ats.applications.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Full-text search over applications (migration V7): the weighted {@code application.search_vector}
 * (A names and e-mail, B school and degree, C the answers, D the documents' extracted text) with a
 * GIN index, queried with {@code websearch_to_tsquery('english', q)} and ranked with {@code
 * ts_rank_cd}; plus trigram matches ({@code pg_trgm}) of {@code application.search_names} for part
 * of a name or address and for typos. Both columns are rebuilt by {@link #refresh} from what is
 * stored, never edited in place.
 */
@ApplicationScoped
public class ApplicationSearch {

  /** The least word_similarity of a query to a name (or address) that matches it. */
  public static final String NAME_SIMILARITY = "0.5";

  /** ts_headline's options: plain text, matches between « and », at most two fragments. */
  private static final String OPTIONS =
      "StartSel=«, StopSel=», MaxWords=25, MinWords=8, MaxFragments=2,"
          + " FragmentDelimiter=\" … \"";

  /**
   * What to search for: {@code text} as typed (websearch syntax), and whether the documents' text
   * counts (only for callers who may read the documents).
   */
  public record Query(String text, boolean withDocuments) {

    /**
     * True for a query without quotes or excluded words: it may also be (part of) a name or an
     * e-mail address, so trigram matches count.
     */
    boolean nameLike() {
      return !text.contains("\"") && !excludesWords();
    }

    /** True if a word is excluded ({@code -php}): the only operator that is not monotonic. */
    boolean excludesWords() {
      for (String word : text.trim().split("[\\s\"]+")) {
        if (word.startsWith("-")) {
          return true;
        }
      }
      return false;
    }
  }

  /** A native query and its named parameters. */
  public record Statement(String sql, Map<String, Object> params) {}

  /** One match: its rank (higher first) and a plain-text snippet with the matches in « ». */
  public record Hit(UUID id, float rank, String snippet) {}

  private final EntityManager em;

  public ApplicationSearch(EntityManager em) {
    this.em = em;
  }

  /** Rebuilds the search columns of these applications from what is stored now. */
  public void refresh(Collection<UUID> applicationIds) {
    if (applicationIds.isEmpty()) {
      return;
    }
    em.flush();
    em.createNativeQuery("select cast(application_search_refresh(cast(:ids as uuid[])) as text)")
        .setParameter("ids", array(applicationIds))
        .getSingleResult();
  }

  /** Rebuilds the search columns of every application of the candidate. */
  public void refreshCandidate(UUID candidateId) {
    em.flush();
    em.createNativeQuery(
            "select cast(application_search_refresh(array(select id from application"
                + " where candidate_id = cast(:candidateId as uuid))) as text)")
        .setParameter("candidateId", candidateId.toString())
        .getSingleResult();
  }

  /**
   * One page of matches in a stable order, best first ({@code rank desc, id desc}), starting after
   * {@code (afterRank, afterId)} when given.
   */
  @SuppressWarnings("unchecked")
  public List<Hit> page(
      ApplicationRepository.Filter filter, Query q, Float afterRank, UUID afterId, int rows) {
    Statement statement = statement(filter, q, afterRank, afterId, rows);
    if (q.nameLike()) {
      typoTolerance();
    }
    jakarta.persistence.Query query = em.createNativeQuery(statement.sql());
    statement.params().forEach(query::setParameter);
    List<Object[]> result = query.getResultList();
    return result.stream()
        .map(
            r ->
                new Hit(
                    UUID.fromString((String) r[0]),
                    ((Number) r[1]).floatValue(),
                    r[2] == null || r[2].toString().isBlank() ? null : r[2].toString()))
        .toList();
  }

  /**
   * How alike a name must be to match ({@code <%}): {@value #NAME_SIMILARITY} instead of pg_trgm's
   * 0.6, so that one wrong letter in the middle of a ten-letter name (0.57) still matches. For the
   * current transaction only.
   */
  public void typoTolerance() {
    em.createNativeQuery(
            "select set_config('pg_trgm.word_similarity_threshold', '"
                + NAME_SIMILARITY
                + "', true)")
        .getSingleResult();
  }

  /** The SQL of {@link #page} and its parameters (the benchmark prints its plan). */
  public Statement statement(
      ApplicationRepository.Filter filter, Query q, Float afterRank, UUID afterId, int rows) {
    Map<String, Object> params = new HashMap<>();
    params.put("q", q.text());
    String tsquery = "websearch_to_tsquery('english', :q)";
    // Without the documents' text: weights A to C only. The GIN index still narrows the rows
    // where the whole vector matches, which holds whenever the filtered one does, unless the
    // query excludes words.
    String vector = q.withDocuments() ? "a.search_vector" : "ts_filter(a.search_vector, '{a,b,c}')";
    StringBuilder match = new StringBuilder("(" + vector + " @@ " + tsquery);
    if (!q.withDocuments() && !q.excludesWords()) {
      match.append(" and a.search_vector @@ ").append(tsquery);
    }
    match.append(")");
    String nameRank = "0";
    if (q.nameLike()) {
      String lower = q.text().trim().toLowerCase(Locale.ROOT);
      params.put("name", lower);
      String names = ":name <% a.search_names";
      if (lower.length() >= 3) {
        names += " or a.search_names like :part escape '\\'";
        params.put(
            "part",
            "%" + lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      }
      match.append(" or ").append(names);
      // Only a name that matched adds its likeness (0 to 1) to the rank.
      nameRank = "case when " + names + " then word_similarity(:name, a.search_names) else 0 end";
    }
    StringBuilder inner =
        new StringBuilder("select a.id, cast(ts_rank_cd(")
            .append(vector)
            .append(", ")
            .append(tsquery)
            .append(", 32) + ") // normalisation 32: rank / (rank + 1), in [0, 1)
            .append(nameRank)
            .append(" as real) as rank from application a where (")
            .append(match)
            .append(")");
    ApplicationRepository.appendFilters(filter, inner, params);
    StringBuilder sql =
        new StringBuilder("select cast(p.id as text), p.rank, ts_headline('english',")
            .append(" application_search_text(p.id, ")
            .append(q.withDocuments())
            .append("), ")
            .append(tsquery)
            .append(", '")
            .append(OPTIONS)
            .append("') from (select s.id, s.rank from (")
            .append(inner)
            .append(") s");
    if (afterRank != null) {
      sql.append(" where (s.rank, s.id) < (cast(:afterRank as real), cast(:afterId as uuid))");
      params.put("afterRank", afterRank.toString());
      params.put("afterId", afterId.toString());
    }
    sql.append(" order by s.rank desc, s.id desc limit ")
        .append(rows)
        .append(") p order by p.rank desc, p.id desc");
    return new Statement(sql.toString(), Map.copyOf(params));
  }

  private static String array(Collection<UUID> ids) {
    return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
  }
}
