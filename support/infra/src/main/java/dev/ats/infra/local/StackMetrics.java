package dev.ats.infra.local;

import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.SystemProcesses;
import dev.ats.infra.test.PrometheusText;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code ./ats metrics}: the key numbers from each running service's {@code /q/metrics} in the
 * terminal: outbox, events published and consumed by outcome, consumer lag, mail, respond-by and
 * the gateway's traffic. The names are those the services' READMEs document.
 */
record StackMetrics(StackSettings settings, Console console) {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  int print() {
    SystemProcesses.Ports ports = settings.processes().ports();
    PrintStream out = console.out();
    out.printf(
        "  %-14s %8s %10s %10s %8s %9s %8s %8s %6s%n",
        "service",
        "outbox",
        "oldest s",
        "published",
        "applied",
        "duplicate",
        "retried",
        "dead",
        "lag");
    for (AtsService service : AtsService.values()) {
      if (service == AtsService.WEB) {
        continue; // pages only: no events, no metrics of its own
      }
      String url = "http://localhost:" + ports.of(service) + "/q/metrics";
      PrometheusText m;
      try {
        m = scrape(url);
      } catch (IOException | InterruptedException e) {
        out.printf("  %-14s not answering at %s%n", service.shortName(), url);
        continue;
      }
      if (service == AtsService.GATEWAY) {
        gateway(out, m);
        continue;
      }
      out.printf(
          "  %-14s %8.0f %10.1f %10.0f %8.0f %9.0f %8.0f %8.0f %6.0f%n",
          service.shortName(),
          m.sum("ats_outbox_pending"),
          m.sum("ats_outbox_oldest_age_seconds"),
          m.sum("ats_events_published_total"),
          m.sum("ats_events_consumed_total", "outcome", "applied"),
          m.sum("ats_events_consumed_total", "outcome", "duplicate"),
          m.sum("ats_events_consumed_total", "outcome", "retried"),
          m.sum("ats_events_consumed_total", "outcome", "dead_lettered"),
          m.sum("kafka_consumer_fetch_manager_records_lag"));
      if (service == AtsService.APPLICATIONS) {
        out.printf(
            "  %-14s undecided past respond-by: %.0f%n",
            "", m.sum("ats_applications_undecided_past_respond_by"));
      }
      if (service == AtsService.NOTIFICATIONS) {
        out.printf(
            "  %-14s mail: %.0f sent, %.0f pending, %.0f failed; attempts %.0f sent, %.0f failed%n",
            "",
            m.sum("ats_notifications", "status", "SENT"),
            m.sum("ats_notifications", "status", "PENDING"),
            m.sum("ats_notifications", "status", "FAILED"),
            m.sum("ats_notifications_delivery_attempts_total", "outcome", "SENT"),
            m.sum("ats_notifications_delivery_attempts_total", "outcome", "FAILED"));
      }
    }
    out.println(
        "  (all of it: curl http://localhost:PORT/q/metrics; names in each service's README)");
    return LocalStack.OK;
  }

  private static void gateway(PrintStream out, PrometheusText m) {
    double requests = m.sum("ats_gateway_requests_total");
    double count = m.sum("ats_gateway_upstream_seconds_count");
    out.printf(
        "  %-14s requests %.0f (5xx %.0f), rate-limited %.0f, upstream errors %.0f, upstream mean %.0f ms%n",
        "gateway",
        requests,
        m.samples("ats_gateway_requests_total").stream()
            .filter(s -> s.labels().getOrDefault("status", "").startsWith("5"))
            .mapToDouble(PrometheusText.Sample::value)
            .sum(),
        m.sum("ats_gateway_rate_limit_refusals_total"),
        m.sum("ats_gateway_upstream_seconds_count", "status", "502")
            + m.sum("ats_gateway_upstream_seconds_count", "status", "504"),
        count == 0 ? 0 : 1000 * m.sum("ats_gateway_upstream_seconds_sum") / count);
  }

  private static PrometheusText scrape(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(url + " answered " + response.statusCode());
    }
    return PrometheusText.parse(response.body());
  }
}
