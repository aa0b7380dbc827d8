package dev.ats.applications.service.documents;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness: DOWN while {@code ats.documents.extraction.max-abandoned-threads} text extraction
 * threads that overran their deadline still run ({@link TextExtractionJob} has stopped extracting).
 * Liveness, not readiness: the service still answers every request, so taking it out of the load
 * balancer would not help and would never end by itself; such threads ignore interrupts and only a
 * restart frees them (and the documents that caused them are already flagged, so the restarted pod
 * does not take them again). If they end by themselves first, the check is UP again.
 */
@Liveness
@ApplicationScoped
public class ExtractionThreadsCheck implements HealthCheck {

  static final String NAME = "document text extraction";

  private final TextExtractionJob job;

  public ExtractionThreadsCheck(TextExtractionJob job) {
    this.job = job;
  }

  @Override
  public HealthCheckResponse call() {
    int running = job.abandonedThreadsRunning();
    int max = job.maxAbandonedThreads();
    var response =
        HealthCheckResponse.named(NAME)
            .status(running < max)
            .withData("abandonedThreadsRunning", running)
            .withData("maxAbandonedThreads", max);
    if (running >= max) {
      response.withData(
          "reason",
          "text extraction stopped: abandoned extraction threads are still running; a restart"
              + " frees them");
    }
    return response.build();
  }
}
