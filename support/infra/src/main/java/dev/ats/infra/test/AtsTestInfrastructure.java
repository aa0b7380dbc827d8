package dev.ats.infra.test;

import dev.ats.infra.KafkaBroker;
import dev.ats.infra.PostgresServer;
import dev.ats.infra.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The one way every service's tests get their infrastructure: a real PostgreSQL server and a real
 * Kafka broker, started in the test JVM, once per JVM, with nothing installed beforehand. The
 * broker holds every topic of the contract from the start, configured as {@link Topics} says (also
 * an external broker: missing topics are created there).
 *
 * <p>Use it from one class per service:
 *
 * <pre>{@code
 * @WithTestResource(value = AtsTestInfrastructure.class, scope = TestResourceScope.GLOBAL,
 *     initArgs = @ResourceArg(name = "database", value = "roles"))
 * public class TestInfrastructure {}
 * }</pre>
 *
 * <p>To use servers that already run instead (a CI service, a shared database), set {@code
 * ATS_TEST_POSTGRES_URL} (for example {@code jdbc:postgresql://db:5432/}), {@code
 * ATS_TEST_POSTGRES_USER}, {@code ATS_TEST_POSTGRES_PASSWORD} and {@code
 * ATS_TEST_KAFKA_BOOTSTRAP_SERVERS}.
 */
public class AtsTestInfrastructure implements QuarkusTestResourceLifecycleManager {

  /**
   * The issuer of {@link TestTokens}. Services trust it (and the test-only public key) through
   * {@code %test.mp.jwt.verify.*} lines in their application.properties.
   */
  public static final String JWT_ISSUER = "https://ats.test";

  private static PostgresServer postgres;
  private static KafkaBroker kafka;
  private static boolean externalTopicsEnsured;

  private String database;
  private boolean withKafka;

  /** Arguments: {@code database} (none: no PostgreSQL), {@code kafka} ("false": no broker). */
  @Override
  public void init(Map<String, String> initArgs) {
    database = initArgs.get("database");
    withKafka = !"false".equals(initArgs.get("kafka"));
  }

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new HashMap<>();
    if (withKafka) {
      config.put("kafka.bootstrap.servers", kafkaBootstrapServers());
    }
    if (database != null) {
      config.putAll(datasource(database));
    }
    return config;
  }

  @Override
  public void stop() {
    // The servers live as long as the JVM: Quarkus restarts the application between test
    // profiles, and starting PostgreSQL and Kafka again each time would only cost time.
  }

  private static synchronized String kafkaBootstrapServers() {
    String external = System.getenv("ATS_TEST_KAFKA_BOOTSTRAP_SERVERS");
    if (external != null && !external.isBlank()) {
      if (!externalTopicsEnsured) {
        Topics.ensure(external);
        externalTopicsEnsured = true;
      }
      return external;
    }
    if (kafka == null) {
      kafka = KafkaBroker.startForTests();
      Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "ats-test-kafka-stop"));
    }
    return kafka.bootstrapServers();
  }

  private static synchronized Map<String, String> datasource(String database) {
    String external = System.getenv("ATS_TEST_POSTGRES_URL");
    if (external != null && !external.isBlank()) {
      String user = System.getenv().getOrDefault("ATS_TEST_POSTGRES_USER", "postgres");
      String password = System.getenv().getOrDefault("ATS_TEST_POSTGRES_PASSWORD", "postgres");
      createIfMissing(external, user, password, database);
      return Map.of(
          "quarkus.datasource.jdbc.url", external + database,
          "quarkus.datasource.username", user,
          "quarkus.datasource.password", password);
    }
    if (postgres == null) {
      postgres = PostgresServer.startForTests();
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "ats-test-postgres-stop"));
    }
    postgres.createDatabase(database);
    return Map.of(
        "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
        "quarkus.datasource.username", PostgresServer.USER,
        "quarkus.datasource.password", PostgresServer.PASSWORD);
  }

  private static void createIfMissing(String url, String user, String password, String db) {
    try (Connection c = DriverManager.getConnection(url + "postgres", user, password);
        Statement s = c.createStatement()) {
      var rs = s.executeQuery("select 1 from pg_database where datname = '" + db + "'");
      if (!rs.next()) {
        s.execute("create database " + db);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not prepare database " + db + " at " + url, e);
    }
  }
}
