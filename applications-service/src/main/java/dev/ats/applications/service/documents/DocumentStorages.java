package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Chooses the {@link DocumentStorage} named by {@code ats.documents.storage}. */
public class DocumentStorages {

  @Produces
  @Singleton
  DocumentStorage storage(DocumentsConfig config, AgroalDataSource dataSource) {
    return switch (config.storage().trim().toLowerCase(java.util.Locale.ROOT)) {
      case "postgres" -> new PostgresDocumentStorage(dataSource);
      case "s3" ->
          throw new IllegalStateException(
              "ats.documents.storage=s3: the S3-compatible storage is not in this build yet"
                  + " (implement DocumentStorage with ats.documents.s3.*); use postgres");
      default ->
          throw new IllegalStateException(
              "ats.documents.storage must be postgres or s3, not " + config.storage());
    };
  }
}
