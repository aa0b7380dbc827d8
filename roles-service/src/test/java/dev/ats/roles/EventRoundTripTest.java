package dev.ats.roles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TestKafka;
import dev.ats.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The service's database, outbox relay and the real broker work together. */
@QuarkusTest
class EventRoundTripTest {

  @Inject Outbox outbox;

  @Test
  void shouldPublishCommittedOutboxRowToKafka() {
    String subject = UUID.randomUUID().toString();
    UUID id =
        QuarkusTransaction.requiringNew()
            .call(() -> outbox.add("roles.smoke", "dev.ats.smoke.Pinged", subject, Map.of()));

    var record =
        TestKafka.awaitRecords(
                "roles.smoke", r -> subject.equals(r.key()), 1, Duration.ofSeconds(60))
            .get(0);

    assertThat(TestKafka.header(record, "ce_id")).isEqualTo(id.toString());
    assertThat(TestKafka.header(record, "ce_source")).isEqualTo("/ats/roles-service");
  }
}
