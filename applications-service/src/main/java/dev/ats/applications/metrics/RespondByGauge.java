package dev.ats.applications.metrics;

import dev.ats.platform.metrics.AtsMetrics;
import dev.ats.platform.metrics.GaugeSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@value AtsMetrics#UNDECIDED_PAST_RESPOND_BY}: active applications (not HIRED, REJECTED or
 * WITHDRAWN) whose role's respond-by date (UTC) has passed. Counted over the partial index of
 * active applications every few seconds by the platform's GaugeRefresher, never on a scrape.
 */
@Startup
@ApplicationScoped
public class RespondByGauge implements GaugeSource {

  private final EntityManager em;
  private volatile long undecided;

  public RespondByGauge(EntityManager em, MeterRegistry registry) {
    this.em = em;
    Gauge.builder(AtsMetrics.UNDECIDED_PAST_RESPOND_BY, this, gauge -> gauge.undecided)
        .description("Applications still undecided after their role's respond-by date")
        .register(registry);
  }

  @Override
  public void refresh() {
    // respond_by is the role's ISO date (YYYY-MM-DD), so text order is date order.
    Number count =
        (Number)
            em.createNativeQuery(
                    "select count(*) from application a join role_copy r on r.role_id = a.role_id"
                        + " where a.stage not in ('HIRED', 'REJECTED', 'WITHDRAWN')"
                        + " and r.respond_by is not null and r.respond_by < :today")
                .setParameter("today", LocalDate.now(ZoneOffset.UTC).toString())
                .getSingleResult();
    undecided = count.longValue();
  }
}
