package org.optsweep.solver;

/** How a solve ended. Every solve ends with exactly one, plus a reason text. */
public enum Status {
  /** A convergence test passed: step, gradient norm, relative decrease, simplex size or value target. */
  CONVERGED,
  /** The iteration or evaluation budget ran out first. */
  MAX_ITERATIONS,
  /** x or f became NaN or infinite, or ‖x‖ exceeded the divergence bound. */
  DIVERGED,
  /** No step along the search direction satisfied the line search conditions (L-BFGS). */
  LINE_SEARCH_FAILED,
  /** x stopped changing although no convergence test passed (e.g. steps below the precision of x). */
  STALLED,
  /** The wall-clock budget per solve ran out. */
  TIMED_OUT,
  /** The objective threw; the reason holds the exception's message. */
  FAILED
}
