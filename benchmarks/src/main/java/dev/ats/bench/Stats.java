package dev.ats.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Percentiles, medians and what /proc says about a process (Linux only). */
final class Stats {

  /** Clock ticks per second of /proc/PID/stat (USER_HZ; 100 on every Linux we know). */
  static final double TICKS = 100.0;

  private Stats() {}

  /** The p-th percentile of sorted values (nearest rank). */
  static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static double median(List<Double> values) {
    double[] v = values.stream().filter(d -> !d.isNaN()).mapToDouble(Double::doubleValue).toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(v);
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** utime + stime of the process (all its threads), in ticks; -1 if it is gone. */
  static long cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // after "pid (comm) ": state(0) ppid(1) ... utime(11) stime(12)
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The sum of {@link #cpuTicks} over the processes. */
  static long cpuTicks(List<Long> pids) {
    long sum = 0;
    for (long pid : pids) {
      long t = cpuTicks(pid);
      if (t > 0) {
        sum += t;
      }
    }
    return sum;
  }

  /** The process and its direct children (nginx: master and workers). */
  static List<Long> withChildren(long pid) {
    List<Long> pids = new ArrayList<>(List.of(pid));
    ProcessHandle.of(pid).ifPresent(p -> p.children().forEach(c -> pids.add(c.pid())));
    return pids;
  }

  /** Resident set size in MB, if the process runs. */
  static Optional<Double> rssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone
    }
    return Optional.empty();
  }
}
