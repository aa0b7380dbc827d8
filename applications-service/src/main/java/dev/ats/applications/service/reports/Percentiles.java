package dev.ats.applications.service.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Percentiles and rounding as every report computes them. */
public final class Percentiles {

  private Percentiles() {}

  /**
   * The {@code p} percentile (0 to 1) of {@code values} with linear interpolation between the
   * closest ranks, as PostgreSQL's {@code percentile_cont}: the median of 1, 2, 3, 10 is 2.5, its
   * p90 is 7.9. Null when there are no values.
   */
  public static Double of(List<Double> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double rank = p * (sorted.length - 1);
    int below = (int) Math.floor(rank);
    int above = (int) Math.ceil(rank);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }

  /** {@code value} rounded half up to {@code places} decimals; null stays null. */
  public static Double round(Double value, int places) {
    return value == null
        ? null
        : BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
  }

  /** {@code part / whole} rounded to 4 decimals, or null when {@code whole} is 0. */
  public static Double share(long part, long whole) {
    return whole == 0 ? null : round((double) part / whole, 4);
  }
}
