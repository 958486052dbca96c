package org.optsweep.solver;

/** How a solve ended. Every solve ends with exactly one, and a {@link Stop} that says which test fired. */
public enum Status {
  /** A convergence test the user set passed: step, gradient norm, relative decrease, simplex size or value target. */
  CONVERGED,
  /** The iteration budget ran out first. */
  MAX_ITERATIONS,
  /** The budget of f evaluations ({@code max_evaluations}) ran out first; it is never exceeded. */
  MAX_EVALUATIONS,
  /**
   * The gradient was exactly zero where no gradient tolerance was set: a stationary point, a
   * finite-difference gradient that underflowed on a plateau, or an objective that ignores its input.
   */
  ZERO_GRADIENT,
  /** x or f became NaN or infinite, or ‖x‖ exceeded the divergence bound. */
  DIVERGED,
  /** No step along the search direction satisfied the line search conditions (L-BFGS). */
  LINE_SEARCH_FAILED,
  /** x stopped changing although no convergence test passed, or f was flat over the whole initial simplex. */
  STALLED,
  /** The wall-clock budget per solve ran out. */
  TIMED_OUT,
  /** The objective threw, or the setting could not be built; the stop's detail holds the message. */
  FAILED
}
