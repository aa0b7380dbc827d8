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
 * Full-text search over applications (migrations V7, V10): the weighted {@code
 * application.search_vector} (A names and e-mail, B school and degree, C the answers, D the
 * documents' extracted text) with a GIN index decides what matches {@code
 * websearch_to_tsquery('english', q)}; {@code ts_rank} of the short {@code application.search_rank}
 * (A to C, and the document words that occur more than once) orders the matches; plus trigram
 * matches ({@code pg_trgm}) of {@code application.search_names} for part of a name or address and
 * for typos. The columns are rebuilt by {@link #refresh} from what is stored, never edited in
 * place.
 */
@ApplicationScoped
public class ApplicationSearch {

  /** The least word_similarity of a query to a name (or address) that matches it. */
  public static final String NAME_SIMILARITY = "0.5";

  /**
   * The least rank of a text match: what {@code ts_rank} gives one D-weighted occurrence (0.0573),
   * the rank of a document word that occurs once (not in {@code search_rank}).
   */
  static final String FLOOR = "ts_rank(tsvector 'x:1', tsquery 'x', 32)";

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

    /** True if the query may hold a phrase (quotes). */
    boolean phrase() {
      return text.contains("\"");
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
    planSettings(q);
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
   * The search's settings, for the current transaction: {@link #typoTolerance} for a name-like
   * query, and no sequential scan of {@code application}. A word in most résumés would otherwise be
   * matched by reading every row's whole vector (out of line, 3 kB each); the bitmap of its GIN
   * index decides a plain word's matches without reading any vector. And a plan made for the words
   * typed, never a generic one: the JDBC driver prepares a statement run five times on the server,
   * which then may plan it once for any words, with a guessed number of matches (0.5 % of the
   * rows), while a word in a third of the résumés and a rare one need different plans (about 1 ms
   * to plan). And no parallel workers: a phrase query's parallel plan cost more at the tail than it
   * saved (SearchBenchmark at the database, 2 cores: p95 73 ms with 2 workers, 47 ms without).
   */
  public void planSettings(Query q) {
    if (q.nameLike()) {
      typoTolerance();
    }
    em.createNativeQuery(
            "select set_config('enable_seqscan', 'off', true),"
                + " set_config('plan_cache_mode', 'force_custom_plan', true),"
                + " set_config('max_parallel_workers_per_gather', '0', true)")
        .getSingleResult();
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
    // What matches is decided on search_vector (GIN); the rank reads search_rank (V10), short and
    // in the row. Without the documents' text: weights A to C only, which search_rank holds whole.
    // The GIN index still narrows the rows where the whole vector matches, which holds whenever the
    // filtered one does, unless the query excludes words.
    String rankVector = q.withDocuments() ? "a.search_rank" : "ts_filter(a.search_rank, '{a,b,c}')";
    // A phrase needs the words' positions, which the GIN index does not hold: every row it finds
    // would be read whole (out of line, 3 kB) to check them. Without excluded words, the phrase's
    // words all present (<-> read as &) are a superset of its matches that the index decides alone;
    // the phrase itself is then checked on search_rank (A to C: exact) or, with the documents, on
    // the ranked rows one by one, best first, until the page is full (phraseChecked).
    boolean relaxed = q.phrase() && !q.excludesWords();
    boolean phraseChecked = relaxed && q.withDocuments();
    String indexed =
        relaxed
            ? "cast(regexp_replace(cast("
                + tsquery
                + " as text), '<[0-9]+>|<->', '&', 'g')"
                + " as tsquery)"
            : tsquery;
    String match;
    if (q.withDocuments()) {
      match = "a.search_vector @@ " + indexed;
    } else if (q.excludesWords()) {
      match = rankVector + " @@ " + tsquery;
    } else {
      match = "a.search_vector @@ " + indexed + " and " + rankVector + " @@ " + tsquery;
    }
    // A match ranks at least as one D-weighted occurrence: a document word that occurs once is not
    // in search_rank (V10).
    String textRank = "greatest(ts_rank(" + rankVector + ", " + tsquery + ", 32), " + FLOOR + ")";
    StringBuilder sql = new StringBuilder("with ");
    StringBuilder matches = new StringBuilder();
    if (q.nameLike()) {
      // Names and addresses matched by trigrams, few and found in their own index, with their
      // likeness (0 to 1); every other row adds 0, without computing trigrams for each match.
      String lower = q.text().trim().toLowerCase(Locale.ROOT);
      params.put("name", lower);
      StringBuilder names =
          new StringBuilder(
              "n as materialized (select a.id, word_similarity(:name, a.search_names) as sim"
                  + " from application a where (:name <% a.search_names");
      if (lower.length() >= 3) {
        names.append(" or a.search_names like :part escape '\\'");
        params.put(
            "part",
            "%" + lower.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      }
      names.append(")");
      ApplicationRepository.appendFilters(filter, names, params);
      sql.append(names).append("), ");
      // The text matches and their rank in a subquery of their own (offset 0: not merged into the
      // join): the per-match work (heap visit, recheck, ts_rank) may then run in parallel workers
      // below a Gather (V15), and only the join with the few name matches in the leader.
      matches
          .append("select t.id, cast(t.rank + coalesce(n.sim, 0) as real) as rank from (")
          .append("select a.id, cast(")
          .append(textRank)
          .append(" as real) as rank from application a where (")
          .append(match)
          .append(")");
      ApplicationRepository.appendFilters(filter, matches, params);
      matches
          .append(" offset 0) t left join n on n.id = t.id")
          .append(" union all select a.id, cast(")
          .append(textRank)
          .append(" + n.sim as real) from n join application a on a.id = n.id where not (")
          .append(match)
          .append(")");
    } else {
      StringBuilder filters = new StringBuilder();
      ApplicationRepository.appendFilters(filter, filters, params);
      if (q.excludesWords() && q.withDocuments() && !filters.isEmpty()) {
        // An excluded word with a filter: the planner would start from the filter's index (a role
        // is a third of the rows) and check the query on every such row's whole vector (out of
        // line, 3 kB each: 300 ms for 33 000 rows). The GIN index decides the query alone,
        // excluded words included, without reading a vector; the filters are then a condition on
        // the matched rows (a value it cannot take an index for), after the match.
        sql.append("g as materialized (select a.id, cast(")
            .append(textRank)
            .append(" as real) as rank, (true")
            .append(filters)
            .append(") as kept from application a where (")
            .append(match)
            .append(")), ");
        matches.append("select g.id, g.rank from g where g.kept");
      } else {
        matches
            .append("select a.id, cast(")
            .append(textRank)
            .append(" as real) as rank from application a where (")
            .append(match)
            .append(")")
            .append(filters);
      }
    }
    sql.append("m as (")
        .append(matches)
        .append(") select cast(p.id as text), p.rank, ts_headline('english',")
        .append(" application_search_text(p.id, ")
        .append(q.withDocuments())
        .append("), ")
        .append(tsquery)
        .append(", '")
        .append(OPTIONS)
        .append("') from (");
    if (phraseChecked) {
      sql.append("select c.id, c.rank from (");
    }
    sql.append("select m.id, m.rank from m");
    if (afterRank != null) {
      sql.append(" where (m.rank, m.id) < (cast(:afterRank as real), cast(:afterId as uuid))");
      params.put("afterRank", afterRank.toString());
      params.put("afterId", afterId.toString());
    }
    sql.append(" order by m.rank desc, m.id desc");
    if (phraseChecked) {
      // A subquery's condition with a subquery is not pushed below the sort: it is checked on the
      // sorted rows, in order, until the limit is reached.
      sql.append(") c where (select b.search_vector from application b where b.id = c.id) @@ ")
          .append(tsquery)
          .append(" limit ")
          .append(rows)
          .append(")");
    } else {
      sql.append(" limit ").append(rows).append(")");
    }
    sql.append(" p order by p.rank desc, p.id desc");
    return new Statement(sql.toString(), Map.copyOf(params));
  }

  private static String array(Collection<UUID> ids) {
    return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
  }
}
