package org.optsweep.solver;

/**
 * The outcome of one solve. Carries its own counts (a solver instance holds configuration only).
 *
 * @param x                 final point (a fresh array)
 * @param value             f(x)
 * @param distance          ‖x − x*‖₂, NaN when the minimiser is unknown
 * @param valueGap          f(x) − f*, NaN when the minimum is unknown
 * @param iterations        iterations performed
 * @param valueEvaluations  f evaluations the solver spent (finite differences included; monitoring not)
 * @param gradientEvaluations gradient evaluations the solver spent
 * @param bestValue         the lowest f known at an iterate: where the solver or the monitor (value
 *                          targets, traces) evaluated it, and at the final point; not at line-search,
 *                          finite-difference or non-best simplex points
 * @param status            how it ended
 * @param reason            a sentence: which test fired, with the numbers
 * @param distanceHits      for each distance target, the first iteration with ‖x_t − x*‖ ≤ d, or −1
 * @param gapHits           for each value-gap target, the first iteration with f(x_t) − f* ≤ g, or −1
 * @param trace             sampled values, or {@code null} when not asked for
 * @param wallNanos         wall-clock time of the solve
 */
public record SolveResult(double[] x, double value, double distance, double valueGap, int iterations,
                          long valueEvaluations, long gradientEvaluations, double bestValue, Status status,
                          String reason, int[] distanceHits, int[] gapHits, Trace trace, long wallNanos) {

  /**
   * A solve that was abandoned from outside (an objective that never returned): no point, no counts,
   * no target met.
   */
  public static SolveResult abandoned(Status status, String reason, double[] start, Targets targets, long wallNanos) {
    int[] dh = new int[targets.distances().length];
    int[] gh = new int[targets.gaps().length];
    java.util.Arrays.fill(dh, -1);
    java.util.Arrays.fill(gh, -1);
    return new SolveResult(start.clone(), Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, Double.NaN, status, reason,
        dh, gh, null, wallNanos);
  }

  /** Whether every distance and gap target was met at some iteration. */
  public boolean allTargetsHit() {
    for (int h : distanceHits) {
      if (h < 0) {
        return false;
      }
    }
    for (int h : gapHits) {
      if (h < 0) {
        return false;
      }
    }
    return true;
  }
}
