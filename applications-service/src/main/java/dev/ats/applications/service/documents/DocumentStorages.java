package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.jboss.logging.Logger;

/** Chooses the {@link DocumentStorage} named by {@code ats.documents.storage}. */
public class DocumentStorages {

  private static final Logger LOG = Logger.getLogger(DocumentStorages.class);

  @Produces
  @Singleton
  DocumentStorage storage(DocumentsConfig config, AgroalDataSource dataSource) {
    return switch (config.storage().trim().toLowerCase(Locale.ROOT)) {
      case "postgres" -> new PostgresDocumentStorage(dataSource);
      case "s3" -> S3DocumentStorage.create(config.s3());
      default ->
          throw new IllegalStateException(
              "ats.documents.storage must be postgres or s3, not " + config.storage());
    };
  }

  void close(@Disposes DocumentStorage storage) throws Exception {
    if (storage instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  /** A storage that is misconfigured stops the start, not the first upload. */
  void atStart(@Observes StartupEvent start, DocumentStorage storage) {
    LOG.infof("documents are stored in %s", storage.name());
  }
}
