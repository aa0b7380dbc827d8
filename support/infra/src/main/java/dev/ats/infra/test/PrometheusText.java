package dev.ats.infra.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Samples read from a Prometheus text exposition ({@code /q/metrics}), for tests that check metric
 * names, labels and values.
 */
public final class PrometheusText {

  /** One line: a metric name, its labels and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {

    /** Whether every given label has the given value ({@code "outcome", "applied", ...}). */
    public boolean has(String... labelValues) {
      for (int i = 0; i + 1 < labelValues.length; i += 2) {
        if (!labelValues[i + 1].equals(labels.get(labelValues[i]))) {
          return false;
        }
      }
      return true;
    }
  }

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\d+)?$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final List<Sample> samples;

  private PrometheusText(List<Sample> samples) {
    this.samples = samples;
  }

  public static PrometheusText parse(String exposition) {
    List<Sample> samples = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      // OpenMetrics exemplars (" # {trace_id=…} 1.0") follow the value; they are not the sample.
      int exemplar = line.indexOf(" # ");
      Matcher matcher = LINE.matcher((exemplar < 0 ? line : line.substring(0, exemplar)).trim());
      if (!matcher.matches()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (matcher.group(2) != null) {
        Matcher label = LABEL.matcher(matcher.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(matcher.group(1), labels, parseValue(matcher.group(3))));
    }
    return new PrometheusText(List.copyOf(samples));
  }

  private static double parseValue(String value) {
    return switch (value) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(value);
    };
  }

  /** Every sample of {@code name} whose labels include the given pairs. */
  public List<Sample> samples(String name, String... labelValues) {
    return samples.stream().filter(s -> s.name().equals(name) && s.has(labelValues)).toList();
  }

  /** The value of the one sample of {@code name} with these labels, if there is one. */
  public Optional<Double> value(String name, String... labelValues) {
    List<Sample> found = samples(name, labelValues);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0).value());
  }

  /** The sum over the samples of {@code name} with these labels (0 if there are none). */
  public double sum(String name, String... labelValues) {
    return samples(name, labelValues).stream().mapToDouble(Sample::value).sum();
  }

  /** Whether a sample of {@code name} exists. */
  public boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }

  /** The names of every sample. */
  public List<String> names() {
    return samples.stream().map(Sample::name).distinct().toList();
  }
}
