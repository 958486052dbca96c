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

  /** The stopping parameters, as they appear in job files and on the command line. */
  public static final List<Param> PARAMS = List.of(
      Param.integer("max_iterations", 1000, 0, Integer.MAX_VALUE, "iteration budget"),
      Param.real("max_evaluations", 0, 0, 9e18, "budget of f evaluations incl. finite differences; 0 = none"),
      Param.nonNegative("step_tolerance", 0, "CONVERGED when ||x_t - x_(t-1)|| <= this (the seed's tol)"),
      Param.nonNegative("gradient_tolerance", 0, "CONVERGED when ||grad f|| <= this"),
      Param.real("value_target", Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
          "CONVERGED when f(x) <= this; -inf = off"),
      Param.positive("divergence_bound", 1e12, "DIVERGED when ||x|| exceeds this"),
      Param.real("time_budget_ms", 0, 0, 9e18, "TIMED_OUT after this many milliseconds per solve; 0 = none"));

  /** Defaults: 1000 iterations, no other limit but the divergence bound. */
  public static Stopping defaults() {
    return from(Settings.defaults("stopping", PARAMS));
  }

  /** Builds from validated settings declared by {@link #PARAMS}. */
  public static Stopping from(Settings s) {
    return new Stopping(s.getInt("max_iterations"), (long) s.getDouble("max_evaluations"),
        s.getDouble("step_tolerance"), s.getDouble("gradient_tolerance"), s.getDouble("value_target"),
        s.getDouble("divergence_bound"), (long) s.getDouble("time_budget_ms"));
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

  /** A copy with another gradient tolerance. */
  public Stopping withGradientTolerance(double tol) {
    return new Stopping(maxIterations, maxEvaluations, stepTolerance, tol, valueTarget, divergenceBound,
        timeBudgetMillis);
  }

  /** A copy with another wall-clock budget. */
  public Stopping withTimeBudgetMillis(long ms) {
    return new Stopping(maxIterations, maxEvaluations, stepTolerance, gradientTolerance, valueTarget,
        divergenceBound, ms);
  }

  /** A copy with another evaluation budget. */
  public Stopping withMaxEvaluations(long n) {
    return new Stopping(maxIterations, n, stepTolerance, gradientTolerance, valueTarget, divergenceBound,
        timeBudgetMillis);
  }
}
