package dev.ats.applications;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;

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
}
