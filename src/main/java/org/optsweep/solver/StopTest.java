package org.optsweep.solver;

import java.util.Locale;

/**
 * Which test ended a solve — the typed half of a stop reason, stored in {@code runs/} as
 * {@code stop_test} with its measured {@code stop_value} and {@code stop_threshold}; the sentence a
 * person reads is rendered from them ({@link Stop#sentence}) only where a person reads it.
 */
public enum StopTest {
  /** Reached {@code max_iterations} (threshold). */
  MAX_ITERATIONS(Status.MAX_ITERATIONS),
  /** The next evaluation would have exceeded {@code max_evaluations} (threshold). */
  MAX_EVALUATIONS(Status.MAX_EVALUATIONS),
  /** ‖x − x_prev‖ (value) ≤ {@code step_tolerance} (threshold). */
  STEP_TOLERANCE(Status.CONVERGED),
  /** ‖∇f‖ (value) ≤ {@code gradient_tolerance} (threshold &gt; 0). */
  GRADIENT_TOLERANCE(Status.CONVERGED),
  /** L-BFGS: max |∂f/∂x_i| (value) ≤ pgtol (threshold). */
  PGTOL(Status.CONVERGED),
  /** L-BFGS: relative decrease of f (value) ≤ ftol (threshold). */
  FTOL(Status.CONVERGED),
  /** Nelder–Mead: the simplex within xatol (value) and fatol (threshold). */
  SIMPLEX_TOLERANCE(Status.CONVERGED),
  /** f(x) (value) ≤ {@code value_target} (threshold). */
  VALUE_TARGET(Status.CONVERGED),
  /** ∇f = 0 exactly with no gradient tolerance set; value = f(x) where known. */
  ZERO_GRADIENT(Status.ZERO_GRADIENT),
  /** x did not change although ‖∇f‖ (value) &gt; 0: the step is below the precision of x. */
  NO_STEP(Status.STALLED),
  /** Nelder–Mead: f took one value (value) at every vertex of the initial simplex. */
  FLAT_SIMPLEX(Status.STALLED),
  /** ‖x‖ (value) exceeded {@code divergence_bound} (threshold). */
  DIVERGENCE_BOUND(Status.DIVERGED),
  /** x became NaN or infinite (value: NaN or ∞). */
  X_NOT_FINITE(Status.DIVERGED),
  /** f(x) (value) became NaN or infinite. */
  F_NOT_FINITE(Status.DIVERGED),
  /** Nelder–Mead: f is NaN or infinite (value) at every vertex. */
  SIMPLEX_NOT_FINITE(Status.DIVERGED),
  /** L-BFGS: no step accepted; the detail says why. */
  LINE_SEARCH(Status.LINE_SEARCH_FAILED),
  /** The wall-clock budget (threshold, ms) was used up. */
  TIME_BUDGET(Status.TIMED_OUT),
  /** A user's objective did not return within its time budget (threshold, ms) and grace; abandoned. */
  ABANDONED(Status.TIMED_OUT),
  /** The objective threw; the detail holds the exception. */
  OBJECTIVE_THREW(Status.FAILED),
  /** The setting could not be built, or the solve failed outside the objective; the detail says why. */
  COULD_NOT_RUN(Status.FAILED);

  private final Status status;

  StopTest(Status status) {
    this.status = status;
  }

  /** The status this test ends a solve with. */
  public Status status() {
    return status;
  }

  /** The name stored in {@code runs/}: {@code step_tolerance}, {@code max_iterations}, ... */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The test stored as {@code key}. */
  public static StopTest of(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
  }
}
