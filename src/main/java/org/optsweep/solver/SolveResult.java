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
 * @param stop              which test ended the solve, with its value and threshold
 * @param distanceHits      for each distance target, the first iteration with ‖x_t − x*‖ ≤ d, or −1
 * @param gapHits           for each value-gap target, the first iteration with f(x_t) − f* ≤ g, or −1
 * @param trace             sampled values, or {@code null} when not asked for
 * @param wallNanos         wall-clock time of the solve
 */
public record SolveResult(double[] x, double value, double distance, double valueGap, int iterations,
                          long valueEvaluations, long gradientEvaluations, double bestValue, Stop stop,
                          int[] distanceHits, int[] gapHits, Trace trace, long wallNanos) {

  /** How the solve ended. */
  public Status status() {
    return stop.status();
  }

  /** Why, as a sentence for people (rendered on each call: keep it out of loops). */
  public String reason() {
    return stop.sentence(iterations);
  }

  /**
   * A solve that did not run or was abandoned from outside (an objective that never returned, a
   * setting that could not be built): no point reached, no counts, no target met.
   *
   * @param start the start point; also reported as x, since the solve never left it
   */
  public static SolveResult notRun(Stop stop, double[] start, Targets targets, long wallNanos) {
    int[] dh = new int[targets.distances().length];
    int[] gh = new int[targets.gaps().length];
    java.util.Arrays.fill(dh, -1);
    java.util.Arrays.fill(gh, -1);
    return new SolveResult(start == null ? null : start.clone(), Double.NaN, Double.NaN, Double.NaN, 0, 0, 0,
        Double.NaN, stop, dh, gh, null, wallNanos);
  }
}
