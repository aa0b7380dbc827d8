package dev.ats.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The load generator: Vert.x's HTTP client on one event loop, keep-alive connections. Closed model
 * for maximum throughput (N connections, each sends its next request when the previous answered)
 * and open model for latency (requests leave at a constant rate whatever the answers do; a latency
 * is measured from when the request was due, so a stall is not hidden).
 */
final class Http implements AutoCloseable {

  /** One request to make: method, path, headers, body (null: none). */
  record Call(HttpMethod method, String path, Map<String, String> headers, String body) {
    static Call get(String path, Map<String, String> headers) {
      return new Call(HttpMethod.GET, path, headers, null);
    }
  }

  /** Outcome of a closed-model run. */
  record Throughput(long ok, long failed, double seconds) {
    double perSecond() {
      return ok / seconds;
    }
  }

  /** Outcome of an open-model run: latencies in microseconds. */
  record Latency(long sent, long failed, double p50Micros, double p99Micros, double maxMicros) {}

  private final Vertx vertx = Vertx.vertx();

  private HttpClient client(int port, int connections) {
    return vertx.createHttpClient(
        new HttpClientOptions()
            .setDefaultHost("127.0.0.1")
            .setDefaultPort(port)
            .setKeepAlive(true)
            .setTcpNoDelay(true),
        new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
  }

  /** {@code connections} loops sending {@code call(i)} back to back for {@code seconds}. */
  Throughput closed(int port, int connections, double seconds, LongFunction<Call> calls) {
    HttpClient client = client(port, connections);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong sequence = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicLong open = new AtomicLong(connections);
    long start = System.nanoTime();
    for (int i = 0; i < connections; i++) {
      vertx.runOnContext(
          v ->
              loop(
                  client,
                  calls,
                  sequence,
                  running,
                  ok,
                  failed,
                  () -> {
                    if (open.decrementAndGet() == 0) {
                      done.complete(null);
                    }
                  }));
    }
    sleep((long) (seconds * 1000));
    running.set(false);
    long stopped = System.nanoTime();
    long okAtStop = ok.get();
    try {
      done.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      // counted what answered
    }
    client.close();
    return new Throughput(okAtStop, failed.get(), (stopped - start) / 1e9);
  }

  private void loop(
      HttpClient client,
      LongFunction<Call> calls,
      AtomicLong sequence,
      AtomicBoolean running,
      AtomicLong ok,
      AtomicLong failed,
      Runnable finished) {
    if (!running.get()) {
      finished.run();
      return;
    }
    send(client, calls.apply(sequence.getAndIncrement()))
        .whenComplete(
            (status, e) -> {
              if (e == null && status < 400) {
                ok.incrementAndGet();
              } else {
                failed.incrementAndGet();
              }
              loop(client, calls, sequence, running, ok, failed, finished);
            });
  }

  /** Sends {@code calls(i)} at {@code rate} per second for {@code seconds}. */
  Latency open(int port, int connections, double rate, double seconds, LongFunction<Call> calls) {
    HttpClient client = client(port, connections);
    int total = (int) (rate * seconds);
    long[] latencies = new long[total];
    AtomicLong answered = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    CompletableFuture<Void> done = new CompletableFuture<>();
    long start = System.nanoTime();
    long[] next = {0};
    long timer =
        vertx.setPeriodic(
            1,
            id -> {
              long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * rate) + 1);
              while (next[0] < due) {
                int i = (int) next[0]++;
                long intended = start + (long) (i * 1e9 / rate);
                send(client, calls.apply(i))
                    .whenComplete(
                        (status, e) -> {
                          latencies[i] = (System.nanoTime() - intended) / 1000;
                          if (e != null || status >= 400) {
                            failed.incrementAndGet();
                          }
                          if (answered.incrementAndGet() == total) {
                            done.complete(null);
                          }
                        });
              }
              if (next[0] >= total) {
                vertx.cancelTimer(id);
              }
            });
    try {
      done.get((long) seconds + 60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.cancelTimer(timer);
    }
    client.close();
    long[] sorted = Arrays.copyOf(latencies, (int) Math.min(total, answered.get()));
    Arrays.sort(sorted);
    return new Latency(
        total,
        failed.get() + (total - sorted.length),
        Stats.percentile(sorted, 50),
        Stats.percentile(sorted, 99),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
  }

  /** One request on the event loop; completes with the status. */
  CompletableFuture<Integer> send(HttpClient client, Call call) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    RequestOptions options = new RequestOptions().setMethod(call.method()).setURI(call.path());
    call.headers().forEach(options::putHeader);
    client
        .request(options)
        .compose(
            request ->
                call.body() == null ? request.send() : request.send(Buffer.buffer(call.body())))
        .compose(response -> response.body().map(body -> response.statusCode()))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                result.complete(ar.result());
              } else {
                result.completeExceptionally(ar.cause());
              }
            });
    return result;
  }

  /** A client for one-off calls of the harness itself. */
  HttpClient client(int port) {
    return client(port, 64);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    vertx.close();
  }
}
