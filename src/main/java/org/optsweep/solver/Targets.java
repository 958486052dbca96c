package org.optsweep.solver;

import java.util.Arrays;

/**
 * Thresholds whose first-hit iteration a solve records: distance to the known minimiser ‖x − x*‖₂ ≤ d
 * and value gap f(x) − f* ≤ g. COCO's ladder is 1e2 … 1e-8; the seed question asks for distance 2e-4
 * and gap 5e-4. Thresholds are kept in the order given, results are reported in the same order.
 *
 * @param distances distance thresholds (≥ 0)
 * @param gaps      value-gap thresholds (≥ 0)
 * @param relative  whether the distance thresholds are relative, ‖x − x*‖₂ ≤ d·max(‖x*‖₂, 1) — for a λ path,
 *                  whose optima differ in scale; {@link #forObjective} turns them into absolute ones
 */
public record Targets(double[] distances, double[] gaps, boolean relative) {

  /** No targets. */
  public static final Targets NONE = new Targets(new double[0], new double[0]);

  /** Absolute thresholds. */
  public Targets(double[] distances, double[] gaps) {
    this(distances, gaps, false);
  }

  /**
   * The thresholds for one objective: relative distance thresholds scaled by max(‖x*‖₂, 1) of its
   * minimiser (unchanged when it has none: no distance is measured then).
   */
  public Targets forObjective(org.optsweep.objective.Objective f) {
    if (!relative || f.minimiser() == null) {
      return this;
    }
    double scale = Math.max(1, Math.sqrt(Vectors.dot(f.minimiser(), f.minimiser())));
    double[] d = distances.clone();
    for (int i = 0; i < d.length; i++) {
      d[i] *= scale;
    }
    return new Targets(d, gaps, false);
  }

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

  /**
   * Whether a solve succeeded — the one definition every table, the console and {@code optsweep solve}
   * use. A headline target is the first distance and the first value-gap threshold; one is decidable
   * only when the objective knows the optimum it measures against.
   * <ul>
   *   <li>{@code success}: every decidable headline target was met at some iteration (COCO's anytime
   *       success); {@code hitIteration} is the first iteration at which all of them had been met.</li>
   *   <li>{@code finalSuccess}: the final point meets every decidable headline target.</li>
   *   <li>With no decidable target, success means that a convergence test the user set passed
   *       (status CONVERGED), and the hit iteration is the last one.</li>
   * </ul>
   *
   * @param minimiserKnown whether distances can be measured (the objective has a minimiser)
   * @param minimumKnown   whether value gaps can be measured (the objective has a minimum)
   */
  public Assessment assess(SolveResult r, boolean minimiserKnown, boolean minimumKnown) {
    boolean distanceOn = minimiserKnown && distances.length > 0;
    boolean gapOn = minimumKnown && gaps.length > 0;
    if (!distanceOn && !gapOn) {
      boolean converged = r.status() == Status.CONVERGED;
      return new Assessment(converged, converged ? r.iterations() : null, converged);
    }
    int hit = 0;
    boolean success = true;
    boolean finalSuccess = true;
    if (distanceOn) {
      hit = Math.max(hit, r.distanceHits()[0]);
      success &= r.distanceHits()[0] >= 0;
      finalSuccess &= r.distance() <= distances[0];
    }
    if (gapOn) {
      hit = Math.max(hit, r.gapHits()[0]);
      success &= r.gapHits()[0] >= 0;
      finalSuccess &= r.valueGap() <= gaps[0];
    }
    return new Assessment(success, success ? hit : null, finalSuccess);
  }

  /**
   * A solve judged against the headline targets (see {@link Targets#assess}).
   *
   * @param success      every decidable headline target met at some iteration
   * @param hitIteration the first iteration at which they all had been met, or {@code null}
   * @param finalSuccess the final point meets them
   */
  public record Assessment(boolean success, Integer hitIteration, boolean finalSuccess) {}

  /** One distance and one gap threshold, the seed's shape of question. */
  public static Targets of(double distance, double gap) {
    return new Targets(new double[] {distance}, new double[] {gap});
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Targets t && Arrays.equals(distances, t.distances) && Arrays.equals(gaps, t.gaps)
        && relative == t.relative;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(distances) * 31 + Arrays.hashCode(gaps);
  }

  @Override
  public String toString() {
    return "Targets{" + (relative ? "relative " : "") + "distances=" + Arrays.toString(distances) + ", gaps="
        + Arrays.toString(gaps) + "}";
  }
}
