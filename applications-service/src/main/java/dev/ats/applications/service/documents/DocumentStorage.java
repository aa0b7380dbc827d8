package dev.ats.applications.service.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Where documents' bytes live, apart from their metadata (table {@code document}), so listing
 * documents never reads them. Chosen by {@code ats.documents.storage}: {@code postgres} (the
 * default, {@link PostgresDocumentStorage}) or {@code s3} (an S3-compatible bucket, {@code
 * ats.documents.s3.*}). Implementations stream: a document is never held whole in memory.
 */
public interface DocumentStorage {

  /** The value stored in {@code document.storage}: {@code POSTGRES} or {@code S3}. */
  String name();

  /**
   * Stores {@code size} bytes read from {@code in}, inside the caller's transaction where the
   * storage is transactional.
   *
   * @return the storage key to keep in {@code document.storage_key} (null if the id suffices)
   */
  String write(UUID documentId, InputStream in, long size) throws IOException;

  /** Copies the document's bytes to {@code out}, a chunk at a time. */
  void copyTo(UUID documentId, String storageKey, OutputStream out) throws IOException;

  /**
   * Deletes the bytes of a document whose row is being deleted in the current transaction (the
   * PostgreSQL storage's rows go with it by cascade; a bucket's objects must be removed).
   */
  void delete(UUID documentId, String storageKey);
}
