package dev.ats.applications;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The documents tests with the default storage: PostgreSQL's {@code document_content}. */
@QuarkusTest
class DocumentTest extends DocumentTests {

  @Override
  protected boolean bytesStored(UUID documentId) {
    return count(
            "select count(*) from document_content where document_id = cast(?1 as uuid)",
            documentId)
        > 0;
  }

  /** A backlog bigger than a page (200) is deleted a page per transaction. */
  @Test
  void shouldPurgeABacklogOfExpiredUploadsAPageAtATime() {
    String marker = "backlog-" + UUID.randomUUID() + ".pdf";
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        """
                        insert into document (id, file_name, content_type, size_bytes, sha256,
                            storage, uploaded_at, expires_at)
                        select gen_random_uuid(), ?1, 'application/pdf', 1, repeat('0', 64),
                            'POSTGRES', now() - interval '2 days', now() - interval '1 day'
                        from generate_series(1, 450)
                        """)
                    .setParameter(1, marker)
                    .executeUpdate());

    // A run whose time budget is spent after one page stops there; the next run goes on.
    assertThat(purge.purge(Instant.now(), Duration.ZERO)).isEqualTo(200);
    assertThat(backlog(marker)).isEqualTo(250);
    assertThat(purge.purge(Instant.now(), Duration.ofMinutes(1))).isGreaterThanOrEqualTo(250);
    assertThat(backlog(marker)).isZero();
  }

  private long backlog(String marker) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery("select count(*) from document where file_name = ?1")
                            .setParameter(1, marker)
                            .getSingleResult())
                    .longValue());
  }
}
