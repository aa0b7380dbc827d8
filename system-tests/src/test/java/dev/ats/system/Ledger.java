package dev.ats.system;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What the system tests did and saw, for the summary table. */
final class Ledger implements Filter {

  final AtomicInteger requests = new AtomicInteger();
  final List<String> serverErrors = new CopyOnWriteArrayList<>();
  final AtomicInteger serverErrorsDuringFaults = new AtomicInteger();
  final List<String> scenarios = new CopyOnWriteArrayList<>();
  final List<String> faults = new CopyOnWriteArrayList<>();

  /** Recipient → messages the story implies. */
  final Map<String, Integer> expectedMail = new ConcurrentHashMap<>();

  private volatile boolean inFault;

  void faultStarted(String fault) {
    faults.add(fault);
    inFault = true;
  }

  void faultEnded() {
    inFault = false;
  }

  void expectMail(String recipient, int messages) {
    expectedMail.merge(recipient.toLowerCase(), messages, Integer::sum);
  }

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification response,
      FilterContext context) {
    requests.incrementAndGet();
    Response result = context.next(request, response);
    if (result.statusCode() >= 500) {
      if (inFault) {
        serverErrorsDuringFaults.incrementAndGet();
      } else {
        serverErrors.add(
            request.getMethod()
                + " "
                + request.getURI()
                + " → "
                + result.statusCode()
                + " "
                + result.asString());
      }
    }
    return result;
  }

  String summary(int delivered, int duplicates) {
    int expected = expectedMail.values().stream().mapToInt(Integer::intValue).sum();
    List<String> rows = new ArrayList<>();
    rows.add(
        "| scenarios | faults injected | requests sent | messages expected | messages delivered"
            + " | duplicates | 5xx | 5xx while a fault was on (retried) |");
    rows.add("|---|---|---|---|---|---|---|---|");
    rows.add(
        "| "
            + scenarios.size()
            + " | "
            + faults.size()
            + " | "
            + requests.get()
            + " | "
            + expected
            + " | "
            + delivered
            + " | "
            + duplicates
            + " | "
            + serverErrors.size()
            + " | "
            + serverErrorsDuringFaults.get()
            + " |");
    rows.add("");
    rows.add("scenarios: " + String.join("; ", scenarios));
    rows.add("faults: " + String.join("; ", faults));
    return String.join("\n", rows);
  }
}
