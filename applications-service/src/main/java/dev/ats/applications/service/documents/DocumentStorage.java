package dev.ats.applications.service.documents;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where documents' bytes live, apart from their metadata (table {@code document}), so listing
 * documents never reads them: {@link PostgresDocumentStorage} (the default) or an S3-compatible
 * bucket ({@link S3DocumentStorage}, {@code ats.documents.s3.*}). New documents go to the one
 * {@code ats.documents.storage} names; each row says where its bytes are ({@link
 * DocumentStorages}). Implementations stream: a document is never held whole in memory.
 */
public interface DocumentStorage {

  /** The value stored in {@code document.storage}: {@code POSTGRES} or {@code S3}. */
  String name();

  /**
   * Whether {@link #write} joins the caller's database transaction (so a rollback takes the bytes
   * with it) or not (a bucket: {@link DocumentUploads} commits the row before writing the object).
   */
  boolean transactional();

  /** The key to keep in {@code document.storage_key} for a new document (null: the id suffices). */
  String keyFor(UUID documentId);

  /**
   * Stores the {@code size} bytes of {@code file} under {@code storageKey} (from {@link #keyFor}).
   */
  void write(UUID documentId, String storageKey, Path file, long size) throws IOException;

  /** Copies the document's bytes to {@code out}, a chunk at a time. */
  void copyTo(UUID documentId, String storageKey, OutputStream out) throws IOException;

  /**
   * Deletes the bytes of a document whose row is gone. The PostgreSQL storage's rows go with their
   * document row by cascade (nothing to do here); a bucket's object is deleted by {@link
   * DocumentObjectDeletions} once the row's deletion has committed. Deleting bytes that are not
   * there (never written, or deleted before) is not an error.
   */
  void delete(UUID documentId, String storageKey);
}
