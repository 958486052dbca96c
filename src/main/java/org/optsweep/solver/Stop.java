package org.optsweep.solver;

import java.util.Locale;

/**
 * Why a solve ended, as data: the test that fired, the value it measured and the threshold it
 * compared with (NaN where a test has none), and a detail text only for the rare stops a number cannot
 * explain (an exception, a failed line search). Recording this costs nothing per solve; the sentence a
 * person reads is rendered by {@link #sentence} for {@code optsweep solve}, the printed table and SQL
 * views, never in the hot loop.
 *
 * @param test      which test fired
 * @param value     what it measured (‖step‖, ‖∇f‖, f, the budget used), or NaN
 * @param threshold what it compared with (a tolerance, a budget), or NaN
 * @param detail    a sentence for stops that need one (an exception, a failed line search; for any test, the
 *                  note that a gradient solver ran on an L1 term's subgradient), else {@code null}
 */
public record Stop(StopTest test, double value, double threshold, String detail) {

  /** A stop without a detail. */
  public static Stop of(StopTest test, double value, double threshold) {
    return new Stop(test, value, threshold, null);
  }

  /** A stop explained by a sentence (an exception, a failed line search). */
  public static Stop because(StopTest test, String detail) {
    return new Stop(test, Double.NaN, Double.NaN, detail);
  }

  /** The status the test ends a solve with. */
  public Status status() {
    return test.status();
  }

  /**
   * The reason as a sentence, e.g. {@code ||x - x_prev|| = 0.00 <= step_tolerance 0.00}.
   *
   * @param iterations the solve's iteration count, which several sentences name
   */
  public String sentence(int iterations) {
    return sentence(test, value, threshold, detail, iterations);
  }

  /**
   * The sentence for a stop read back from its columns ({@code stop_test}, ...). A detail on a test whose
   * sentence is made of numbers (a gradient solver run on an L1 term, {@link
   * org.optsweep.objective.Composite#SUBGRADIENT_NOTE}) is appended after a semicolon.
   */
  public static String sentence(StopTest test, double value, double threshold, String detail, int t) {
    String base = base(test, value, threshold, detail, t);
    boolean detailIsTheSentence = switch (test) {
      case OBJECTIVE_THREW, LINE_SEARCH, ABANDONED, COULD_NOT_RUN -> true;
      default -> false;
    };
    return detail == null || detailIsTheSentence ? base : base + "; " + detail;
  }

  private static String base(StopTest test, double value, double threshold, String detail, int t) {
    return switch (test) {
      case MAX_ITERATIONS -> "reached max_iterations = " + (long) threshold;
      case MAX_EVALUATIONS -> "evaluation budget max_evaluations = " + (long) threshold + " used up at iteration " + t
          + " (" + (long) value + " evaluations)";
      case STEP_TOLERANCE -> "||x - x_prev|| = " + g(value, 3) + " <= step_tolerance " + g(threshold, 3);
      case GRADIENT_TOLERANCE -> "||grad f|| = " + g(value, 3) + " <= gradient_tolerance " + g(threshold, 3);
      case PGTOL -> "max |grad f_i| = " + g(value, 3) + " <= pgtol " + g(threshold, 3);
      case FTOL -> "relative decrease of f " + g(value, 3) + " <= ftol " + g(threshold, 3);
      case SIMPLEX_TOLERANCE -> "simplex within xatol " + g(value, 3) + " and fatol " + g(threshold, 3);
      case VALUE_TARGET -> "f(x) = " + g(value, 6) + " reached the value target " + g(threshold, 6);
      case ZERO_GRADIENT -> "grad f = 0 exactly at iteration " + t + (Double.isNaN(value) ? "" : " (f = " + g(value, 6)
          + ")") + " and no gradient_tolerance is set: a stationary point, a finite-difference gradient that"
          + " underflowed on a plateau (f did not change within the step), or an objective that ignores its input"
          + " (optsweep check tells which)";
      case NO_STEP -> "x did not change at iteration " + t + " although ||grad f|| = " + g(value, 3)
          + ": the step is below the precision of x";
      case FLAT_SIMPLEX -> "f = " + g(value, 6) + " exactly at every vertex of the initial simplex: a plateau wider"
          + " than the simplex, or an objective that ignores its input (optsweep check tells which)";
      case DIVERGENCE_BOUND -> "||x|| = " + g(value, 3) + " exceeded the divergence bound " + g(threshold, 3)
          + " at iteration " + t;
      case X_NOT_FINITE -> "x became " + (Double.isNaN(value) ? "NaN" : "infinite") + " at iteration " + t;
      case F_NOT_FINITE -> "f(x) = " + value + " at iteration " + t;
      case SIMPLEX_NOT_FINITE -> "f is " + (Double.isNaN(value) ? "NaN" : "infinite")
          + " at every vertex of the simplex at iteration " + t;
      case TIME_BUDGET -> "time budget of " + (long) threshold + " ms used up at iteration " + t;
      case OBJECTIVE_THREW -> "objective threw " + detail + " at iteration " + (t + 1);
      case LINE_SEARCH, ABANDONED, COULD_NOT_RUN -> detail;
    };
  }

  /** C's {@code %.<p>g}, as Python and numpy print it. */
  private static String g(double v, int precision) {
    return String.format(Locale.ROOT, "%." + precision + "g", v);
  }
}
