package org.optsweep.solver;

/**
 * Values sampled at log-spaced iterations (0, 1, 2, …, then geometrically spaced up to the budget,
 * plus the last iteration) — enough for a convergence curve on a log axis without storing every step.
 *
 * @param iterations   the sampled iteration numbers, increasing
 * @param values       f(x_t)
 * @param distances    ‖x_t − x*‖₂ (NaN when the minimiser is unknown)
 * @param gradientNorms ‖∇f‖₂ at the solver's last gradient point (NaN for derivative-free solvers)
 * @param stepNorms    ‖x_t − x_{t−1}‖₂ (NaN at t = 0)
 */
public record Trace(int[] iterations, double[] values, double[] distances, double[] gradientNorms,
                    double[] stepNorms) {

  /** Number of samples. */
  public int size() {
    return iterations.length;
  }
}
