package dev.ats.applications;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the benchmarks share: how a series of timings is summarised. */
final class Benchmarks {

  private Benchmarks() {}

  /** "label: n=… median=… ms p95=… ms max=… ms" of timings in microseconds (nearest rank). */
  static String stats(String label, List<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    return String.format(
        "%s: n=%d median=%.2f ms p95=%.2f ms max=%.2f ms%n",
        label,
        sorted.size(),
        sorted.get(sorted.size() / 2) / 1000.0,
        sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.95) - 1)) / 1000.0,
        sorted.get(sorted.size() - 1) / 1000.0);
  }

  /** The median of timings (the upper one of an even count, as {@link #stats} reports it). */
  static long median(List<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
