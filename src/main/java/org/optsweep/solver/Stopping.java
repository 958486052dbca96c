package org.optsweep.solver;

import java.util.List;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;

/**
 * The stopping rules every solver honours.
 *
 * @param maxIterations     the iteration budget; default 1000
 * @param maxEvaluations    the budget of f evaluations (finite differences included); 0 = none (default)
 * @param stepTolerance     stop (CONVERGED) when ‖x_t − x_{t−1}‖₂ ≤ this — the seed's {@code tol}; default 0,
 *                          i.e. only an exactly repeated point stops
 * @param gradientTolerance stop (CONVERGED) when ‖∇f‖₂ ≤ this at the point the solver last evaluated it
 *                          (for NAG the look-ahead point); default 0
 * @param valueTarget       stop (CONVERGED) when f(x_t) ≤ this; default −∞ (off)
 * @param divergenceBound   DIVERGED when ‖x‖₂ exceeds this; default 1e12
 * @param timeBudgetMillis  TIMED_OUT after this much wall-clock time per solve, in ms; 0 = none (default).
 *                          The gradient methods read the clock every 64 iterations, L-BFGS and
 *                          Nelder–Mead every iteration; a user objective that never returns is
 *                          abandoned by the Spark task's watchdog after the budget plus 1 s
 */
public record Stopping(int maxIterations, long maxEvaluations, double stepTolerance, double gradientTolerance,
                       double valueTarget, double divergenceBound, long timeBudgetMillis) {

  /** The iteration budget; default 1000. */
  public static final Param<Integer> MAX_ITERATIONS = Param.integer("max_iterations", 1000, 0, Integer.MAX_VALUE,
      "iteration budget");
  /** The budget of f evaluations, finite differences included; 0 = none (default). */
  public static final Param<Double> MAX_EVALUATIONS = Param.real("max_evaluations", 0, 0, 9e18,
      "budget of f evaluations incl. finite differences; 0 = none");
  /** CONVERGED when ‖x_t − x_(t−1)‖ ≤ this (the seed's tol); default 0. */
  public static final Param<Double> STEP_TOLERANCE = Param.nonNegative("step_tolerance", 0,
      "CONVERGED when ||x_t - x_(t-1)|| <= this (the seed's tol)");
  /** CONVERGED when ‖∇f‖ ≤ this (&gt; 0 to take effect); default 0. */
  public static final Param<Double> GRADIENT_TOLERANCE = Param.nonNegative("gradient_tolerance", 0,
      "CONVERGED when ||grad f|| <= this");
  /** CONVERGED when f(x) ≤ this; default −∞ (off). */
  public static final Param<Double> VALUE_TARGET = Param.real("value_target", Double.NEGATIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "CONVERGED when f(x) <= this; -inf = off");
  /** DIVERGED when ‖x‖ exceeds this; default 1e12. */
  public static final Param<Double> DIVERGENCE_BOUND = Param.positive("divergence_bound", 1e12,
      "DIVERGED when ||x|| exceeds this");
  /** TIMED_OUT after this many milliseconds per solve; 0 = none (default). */
  public static final Param<Double> TIME_BUDGET_MS = Param.real("time_budget_ms", 0, 0, 9e18,
      "TIMED_OUT after this many milliseconds per solve; 0 = none");

  /** The stopping parameters, as they appear in job files and on the command line. */
  public static final List<Param<?>> PARAMS = List.of(MAX_ITERATIONS, MAX_EVALUATIONS, STEP_TOLERANCE,
      GRADIENT_TOLERANCE, VALUE_TARGET, DIVERGENCE_BOUND, TIME_BUDGET_MS);

  /** Defaults: 1000 iterations, no other limit but the divergence bound. */
  public static Stopping defaults() {
    return from(Settings.defaults("stopping", PARAMS));
  }

  /** Builds from validated settings declared by {@link #PARAMS}. */
  public static Stopping from(Settings s) {
    return new Stopping(s.get(MAX_ITERATIONS), (long) (double) s.get(MAX_EVALUATIONS), s.get(STEP_TOLERANCE),
        s.get(GRADIENT_TOLERANCE), s.get(VALUE_TARGET), s.get(DIVERGENCE_BOUND), (long) (double) s.get(TIME_BUDGET_MS));
  }

  /** A copy with another iteration budget. */
  public Stopping withMaxIterations(int n) {
    return new Stopping(n, maxEvaluations, stepTolerance, gradientTolerance, valueTarget, divergenceBound,
        timeBudgetMillis);
  }

  /** A copy with another step tolerance. */
  public Stopping withStepTolerance(double tol) {
    return new Stopping(maxIterations, maxEvaluations, tol, gradientTolerance, valueTarget, divergenceBound,
        timeBudgetMillis);
  }

  /** A copy with another evaluation budget. */
  public Stopping withMaxEvaluations(long n) {
    return new Stopping(maxIterations, n, stepTolerance, gradientTolerance, valueTarget, divergenceBound,
        timeBudgetMillis);
  }
}
