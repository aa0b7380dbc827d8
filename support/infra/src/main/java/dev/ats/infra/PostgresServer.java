package dev.ats.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A real PostgreSQL 15 server run from the binaries that zonky ships as Maven artifacts. Nothing
 * has to be installed on the machine, and it works as root and as a normal user.
 */
public final class PostgresServer implements AutoCloseable {

  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";

  private final EmbeddedPostgres postgres;

  private PostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /** A throw-away server for tests: random port, temporary data, durability switched off. */
  public static PostgresServer startForTests() {
    return start(
        EmbeddedPostgres.builder()
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("max_connections", "200"));
  }

  /**
   * A server whose data survives restarts (the local stack): kept in {@code dataDirectory} across
   * {@code ./ats down} and {@code up}, but, as a development server, without waiting for the disk
   * at commit ({@code fsync} and {@code synchronous_commit} off, as the embedded binaries' defaults
   * have it, said here so nobody takes it for more): a machine crash can lose the last transactions
   * or corrupt the data. Production runs PostgreSQL of its own (k8s/: CloudNativePG).
   */
  public static PostgresServer startKeepingData(Path dataDirectory, int port) {
    return start(
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("max_connections", "200"));
  }

  private static PostgresServer start(EmbeddedPostgres.Builder builder) {
    try {
      return new PostgresServer(builder.start());
    } catch (IOException e) {
      throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage(), e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }

  /** Creates the database if it does not exist yet; each service owns one. */
  public void createDatabase(String database) {
    if (!database.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain database name: " + database);
    }
    DataSource admin = postgres.getPostgresDatabase(Map.of());
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      try (ResultSet rs =
          statement.executeQuery("select 1 from pg_database where datname = '" + database + "'")) {
        if (rs.next()) {
          return;
        }
      }
      statement.execute("create database " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + database, e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
