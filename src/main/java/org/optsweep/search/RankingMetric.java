package org.optsweep.search;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a rung ranks its settings by, per study, at the rung's budget: a setting's score over its replicates.
 * NaN is the worst score whatever the direction (a diverged or failed replicate never helps a setting).
 */
public enum RankingMetric {
  /** The median over replicates of f(x) − f*, lower is better; a NaN gap counts as +∞. */
  VALUE_GAP(false),
  /** The median over replicates of ‖x − x*‖₂, lower is better; a NaN distance counts as +∞. */
  DISTANCE(false),
  /** The fraction of replicates that met the headline targets by the rung's budget, higher is better. */
  SUCCESS(true);

  private final boolean higherIsBetter;

  RankingMetric(boolean higherIsBetter) {
    this.higherIsBetter = higherIsBetter;
  }

  /** Whether a higher score ranks first. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** The name in job files: {@code value_gap}, {@code distance}, {@code success}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every metric's key, in declaration order. */
  public static java.util.List<String> keys() {
    return java.util.Arrays.stream(values()).map(RankingMetric::key).toList();
  }

  /**
   * The metric called {@code key}.
   *
   * @throws IllegalArgumentException naming the known keys
   */
  public static RankingMetric of(String key) {
    for (RankingMetric m : values()) {
      if (m.key().equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("ranking metric " + key + ": expected one of value_gap, distance, success");
  }

  /**
   * A setting's score from its replicates' values at the rung's budget: for {@link #VALUE_GAP} and
   * {@link #DISTANCE} their median (numpy's: the mean of the two middle values for an even count), NaN counted
   * as +∞; for {@link #SUCCESS} the mean of 1 (met) and 0 (not met), NaN counted as 0. NaN for no replicates.
   *
   * @param replicates one value per replicate (not modified)
   */
  public double score(double[] replicates) {
    int n = replicates.length;
    if (n == 0) {
      return Double.NaN;
    }
    if (this == SUCCESS) {
      double met = 0;
      for (double v : replicates) {
        if (v == 1) {
          met++;
        } else if (v != 0 && !Double.isNaN(v)) {
          throw new IllegalArgumentException("success per replicate is 1 or 0, got " + v);
        }
      }
      return met / n;
    }
    double[] v = replicates.clone();
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(v[i])) {
        v[i] = Double.POSITIVE_INFINITY;
      }
    }
    Arrays.sort(v);
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
