package dev.ats.applications.service.documents;

import io.agroal.api.AgroalDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The default storage: table {@code document_content} of this service's database, in chunks of
 * {@value #CHUNK_BYTES} bytes written and read one at a time (one chunk in memory, never the whole
 * file). Writes join the caller's transaction (the datasource enlists its connections), so a failed
 * upload or submission leaves nothing half-written; the rows go with their {@code document} row by
 * cascade.
 */
public class PostgresDocumentStorage implements DocumentStorage {

  static final int CHUNK_BYTES = 1024 * 1024;

  private final AgroalDataSource dataSource;

  public PostgresDocumentStorage(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public String name() {
    return "POSTGRES";
  }

  @Override
  public boolean transactional() {
    return true;
  }

  @Override
  public String keyFor(UUID documentId) {
    return null;
  }

  @Override
  public void write(UUID documentId, String storageKey, Path file, long size) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "insert into document_content (document_id, chunk, data) values (?, ?, ?)")) {
      int chunk = 0;
      while (true) {
        byte[] data = in.readNBytes(CHUNK_BYTES);
        if (data.length == 0) {
          break;
        }
        insert.setObject(1, documentId);
        insert.setInt(2, chunk++);
        insert.setBytes(3, data);
        insert.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("storing document " + documentId + " failed", e);
    }
  }

  @Override
  public void copyTo(UUID documentId, String storageKey, OutputStream out) throws IOException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "select data from document_content where document_id = ? and chunk = ?")) {
      for (int chunk = 0; ; chunk++) {
        select.setObject(1, documentId);
        select.setInt(2, chunk);
        try (ResultSet rows = select.executeQuery()) {
          if (!rows.next()) {
            return;
          }
          out.write(rows.getBytes(1));
        }
      }
    } catch (SQLException e) {
      throw new UncheckedIOException(
          new IOException("reading document " + documentId + " failed", e));
    }
  }

  @Override
  public void delete(UUID documentId, String storageKey) {
    // document_content rows are deleted with their document row (on delete cascade).
  }
}
