package org.optsweep.solver;

import java.util.Arrays;

/**
 * Thresholds whose first-hit iteration a solve records: distance to the known minimiser ‖x − x*‖₂ ≤ d
 * and value gap f(x) − f* ≤ g. COCO's ladder is 1e2 … 1e-8; the seed question asks for distance 2e-4
 * and gap 5e-4. Thresholds are kept in the order given, results are reported in the same order.
 *
 * @param distances distance thresholds (≥ 0)
 * @param gaps      value-gap thresholds (≥ 0)
 */
public record Targets(double[] distances, double[] gaps) {

  /** No targets. */
  public static final Targets NONE = new Targets(new double[0], new double[0]);

  public Targets {
    distances = distances.clone();
    gaps = gaps.clone();
    for (double d : distances) {
      if (!(d >= 0)) {
        throw new IllegalArgumentException("distance target must be >= 0, got " + d);
      }
    }
    for (double g : gaps) {
      if (!(g >= 0)) {
        throw new IllegalArgumentException("value-gap target must be >= 0, got " + g);
      }
    }
  }

  /** One distance and one gap threshold, the seed's shape of question. */
  public static Targets of(double distance, double gap) {
    return new Targets(new double[] {distance}, new double[] {gap});
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Targets t && Arrays.equals(distances, t.distances) && Arrays.equals(gaps, t.gaps);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(distances) * 31 + Arrays.hashCode(gaps);
  }

  @Override
  public String toString() {
    return "Targets{distances=" + Arrays.toString(distances) + ", gaps=" + Arrays.toString(gaps) + "}";
  }
}
