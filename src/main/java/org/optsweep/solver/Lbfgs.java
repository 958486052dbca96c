package org.optsweep.solver;

import java.util.List;
import org.optsweep.gradient.Evaluator;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;

/**
 * Limited-memory BFGS (Nocedal 1980; Liu &amp; Nocedal 1989) with a strong-Wolfe line search
 * (Nocedal &amp; Wright, Numerical Optimization, 2nd ed., Algorithms 3.5 and 3.6, cubic interpolation).
 *
 * <p>Written here rather than taken from breeze ({@code breeze.optimize.LBFGS}, on Spark's classpath)
 * because breeze allocates new vectors every iteration, hides its line search's evaluations from the
 * caller's counts, and reports a failed line search as an exception without saying at which iteration
 * or why — exactly the "ABNORMAL_TERMINATION_IN_LNSRCH at nit 0" the seed question could not read.
 * Here a failed line search is {@link Status#LINE_SEARCH_FAILED} with a reason that says whether f
 * did not change at all (an objective that ignores x) or rose although the gradient said it should
 * fall (a gradient that does not match f).
 *
 * <p>Convergence tests follow scipy's L-BFGS-B defaults: ‖∇f‖∞ ≤ pgtol (1e-5) and
 * (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol (2.22e-9, i.e. factr 1e7 × machine ε). The first
 * step tries α = min(1, 1/‖d‖), later ones α = 1. After a failed line search with stored curvature
 * pairs, the memory is dropped and the line search retried along −∇f once, as L-BFGS-B does.
 */
public final class Lbfgs extends ContinuableSolver {

  /** Registers {@code lbfgs}. */
  public static final SolverProvider PROVIDER = SolverProvider.of("lbfgs",
      "L-BFGS with a strong-Wolfe line search; scipy L-BFGS-B's default tolerances",
      List.of(Params.MEMORY, Params.PGTOL, Params.FTOL, Params.C1, Params.C2, Params.MAX_LINE_SEARCH), false, true,
      (s, schedule) -> {
        if (!(s.get(Params.C1) < s.get(Params.C2))) {
          throw new org.optsweep.param.InvalidParameterException(s.owner(), "c2", s.get(Params.C2),
              "a number greater than c1 = " + s.get(Params.C1));
        }
        return new Lbfgs(s.get(Params.MEMORY), s.get(Params.PGTOL), s.get(Params.FTOL), s.get(Params.C1),
            s.get(Params.C2), s.get(Params.MAX_LINE_SEARCH));
      });

  /** The hyperparameters, with scipy L-BFGS-B's defaults. */
  public static final class Params {
    private Params() {}

    /** Curvature pairs kept; default 10 (scipy maxcor). */
    public static final Param<Integer> MEMORY = Param.integer("memory", 10, 1, 1000,
        "number of curvature pairs kept (scipy maxcor)");
    /** CONVERGED when max |∂f/∂x_i| ≤ pgtol; default 1e-5 (scipy gtol). */
    public static final Param<Double> PGTOL = Param.nonNegative("pgtol", 1e-5,
        "CONVERGED when max |grad_i| <= this (scipy gtol)");
    /** CONVERGED when the relative decrease of f ≤ ftol; default factr·ε = 2.22e-9 (scipy ftol). */
    public static final Param<Double> FTOL = Param.nonNegative("ftol", 2.220446049250313e-9,
        "CONVERGED when the relative decrease of f is <= this (scipy ftol = factr * eps)");
    /** Sufficient-decrease (Armijo) constant in (0, 1), below c2; default 1e-4 (Nocedal &amp; Wright). */
    public static final Param<Double> C1 = Param.openInterval("c1", 1e-4, 0, 1,
        "sufficient-decrease (Armijo) constant");
    /** Curvature constant of the strong Wolfe conditions in (c1, 1); default 0.9. */
    public static final Param<Double> C2 = Param.openInterval("c2", 0.9, 0, 1,
        "curvature constant of the strong Wolfe conditions");
    /** Evaluations allowed per line search; default 20 (scipy maxls). */
    public static final Param<Integer> MAX_LINE_SEARCH = Param.integer("max_line_search", 20, 1, 1000,
        "evaluations allowed per line search (scipy maxls)");
  }

  private final int memory;
  private final double pgtol;
  private final double ftol;
  private final double c1;
  private final double c2;
  private final int maxLineSearch;

  /**
   * @param memory        curvature pairs kept, default 10
   * @param pgtol         gradient ∞-norm tolerance, default 1e-5
   * @param ftol          relative decrease tolerance, default 2.22e-9
   * @param c1            Armijo constant, default 1e-4
   * @param c2            curvature constant, default 0.9 (c1 &lt; c2 &lt; 1)
   * @param maxLineSearch evaluations per line search, default 20
   */
  public Lbfgs(int memory, double pgtol, double ftol, double c1, double c2, int maxLineSearch) {
    this.memory = memory;
    this.pgtol = pgtol;
    this.ftol = ftol;
    this.c1 = c1;
    this.c2 = c2;
    this.maxLineSearch = maxLineSearch;
  }

  @Override
  public String name() {
    return "lbfgs";
  }

  /** Everything one solve needs, allocated once. */
  private static final class Work {
    final double[][] s;
    final double[][] y;
    final double[] rho;
    final double[] alpha;
    final double[] d;
    final double[] xPrev;
    final WolfeLineSearch ls;
    int stored;
    int newest = -1;

    Work(int m, int n, WolfeLineSearch ls) {
      s = new double[m][n];
      y = new double[m][n];
      rho = new double[m];
      alpha = new double[m];
      d = new double[n];
      xPrev = new double[n];
      this.ls = ls;
    }
  }

  /** Continues exactly: a pause falls between iterations, where no line search is under way. */
  @Override
  SolveSegment run(SolveRequest req, SolverState from, int pauseAt) {
    SolveMonitor run = new SolveMonitor(req, false, from);
    int n = run.n;
    double[] x = (from == null ? req.start() : from.x()).clone();
    double[] g = new double[n];
    double f = Double.NaN;
    Evaluator eval = run.eval;
    Work w = new Work(memory, n, new WolfeLineSearch(n, c1, c2, maxLineSearch));
    if (from != null) {
      f = restoreState(from, g, w);
    }
    int maxIt = req.stopping().maxIterations();
    int last = Math.min(maxIt, pauseAt);
    try {
      if (from == null) {
        f = eval.valueAndGradient(x, g);
        if (!Double.isFinite(f)) {
          run.end(StopTest.F_NOT_FINITE, f, Double.NaN);
          return run.ended(x, f);
        }
        if (run.afterStep(0, x, null, g, f)) {
          return run.ended(x, f);
        }
      }
      for (int t = from == null ? 1 : from.iterations() + 1; t <= last; t++) {
        // At the start only; after each step the test follows the step (so the last one counts).
        if (t == 1 && Vectors.normInf(g) <= pgtol) {
          // An exactly zero gradient at the start is no evidence of an optimum (pgtol's default is scipy's).
          run.end(Vectors.normInf(g) == 0 ? Stop.of(StopTest.ZERO_GRADIENT, f, Double.NaN) : Stop.of(StopTest.PGTOL,
              Vectors.normInf(g), pgtol));
          break;
        }
        boolean searched = false;
        for (int attempt = 0; attempt < 2 && !searched; attempt++) {
          direction(g, w);
          double slope = Vectors.dot(g, w.d);
          if (!(slope < 0)) {
            // Not a descent direction (lost positive definiteness): restart from steepest descent.
            w.stored = 0;
            direction(g, w);
            slope = Vectors.dot(g, w.d);
          }
          double a0 = w.stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(Vectors.dot(w.d, w.d))) : 1.0;
          searched = w.ls.search(eval, x, f, w.d, slope, a0);
          if (!searched && w.stored > 0) {
            w.stored = 0;
          } else if (!searched) {
            break;
          }
        }
        if (!searched) {
          run.end(Stop.because(StopTest.LINE_SEARCH, lineSearchFailure(t, f, g, w)));
          break;
        }
        System.arraycopy(x, 0, w.xPrev, 0, n);
        remember(x, g, w);
        double fPrev = f;
        System.arraycopy(w.ls.xNew, 0, x, 0, n);
        System.arraycopy(w.ls.gNew, 0, g, 0, n);
        f = w.ls.fNew;
        if (run.afterStep(t, x, w.xPrev, g, f)) {
          break;
        }
        if (Vectors.normInf(g) <= pgtol) {
          run.end(StopTest.PGTOL, Vectors.normInf(g), pgtol);
          break;
        }
        double relDecrease = (fPrev - f) / Math.max(Math.max(Math.abs(fPrev), Math.abs(f)), 1.0);
        if (relDecrease <= ftol) {
          run.end(StopTest.FTOL, relDecrease, ftol);
          break;
        }
        if (run.overTime()) {
          run.timedOut(t);
          break;
        }
      }
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      run.failed(e);
    }
    if (run.ending == null && last < maxIt) {
      return run.pause(name(), x, f, saveState(f, g, w), new int[] {w.stored});
    }
    return run.ended(x, f);
  }

  /**
   * solver_reals: f(x_k), ∇f(x_k) (n), then the p stored curvature pairs oldest first — s_1 … s_p (p·n),
   * y_1 … y_p (p·n), ρ_1 … ρ_p (p) —; solver_ints: p. Only their order matters to the two-loop recursion and
   * to which pair a full memory drops next, so they are restored into slots 0 … p − 1.
   */
  private static double[] saveState(double f, double[] g, Work w) {
    int n = g.length;
    int p = w.stored;
    int m = w.s.length;
    double[] out = new double[1 + n + p * (2 * n + 1)];
    out[0] = f;
    System.arraycopy(g, 0, out, 1, n);
    for (int k = 0; k < p; k++) {
      int j = Math.floorMod(w.newest - (p - 1 - k), m);
      System.arraycopy(w.s[j], 0, out, 1 + n + k * n, n);
      System.arraycopy(w.y[j], 0, out, 1 + n + (p + k) * n, n);
      out[1 + n + 2 * p * n + k] = w.rho[j];
    }
    return out;
  }

  /** Restores what {@link #saveState} wrote into g and w; returns f(x_k). */
  private double restoreState(SolverState from, double[] g, Work w) {
    int n = g.length;
    int[] ints = from.solverInts();
    int p = ints.length == 1 ? ints[0] : -1;
    if (p < 0 || p > memory) {
      throw new IllegalArgumentException("solver lbfgs: solver_ints must be [stored pairs] with 0 <= pairs <= memory "
          + memory + ", got " + java.util.Arrays.toString(ints));
    }
    double[] r = from.solverReals();
    if (r.length != 1 + n + p * (2 * n + 1)) {
      throw new IllegalArgumentException("solver lbfgs: a state of dimension " + n + " with " + p
          + " curvature pairs has " + (1 + n + p * (2 * n + 1)) + " solver_reals, got " + r.length);
    }
    System.arraycopy(r, 1, g, 0, n);
    for (int k = 0; k < p; k++) {
      System.arraycopy(r, 1 + n + k * n, w.s[k], 0, n);
      System.arraycopy(r, 1 + n + (p + k) * n, w.y[k], 0, n);
      w.rho[k] = r[1 + n + 2 * p * n + k];
    }
    w.stored = p;
    w.newest = p - 1;
    return r[0];
  }

  private String lineSearchFailure(int t, double f, double[] g, Work w) {
    String where = "line search failed at iteration " + (t - 1) + " (no step accepted after "
        + w.ls.evaluations + " evaluations, smallest step tried " + fmt("%.3g", w.ls.smallestStep) + "): ";
    if (w.ls.allSameValue) {
      return where + fmt("f stayed exactly %.17g at every trial point although ||grad f|| = %.3g: "
          + "the objective does not depend on x — check that it uses its argument", f, Math.sqrt(Vectors.dot(g, g)));
    }
    return where + fmt("f did not decrease enough along -H grad f (directional derivative %.3g): "
        + "the gradient may not match the objective; run a gradient check", Vectors.dot(g, w.d));
  }

  private static String fmt(String f, Object... args) {
    return String.format(java.util.Locale.ROOT, f, args);
  }

  /** d = −H·g by the two-loop recursion, with H₀ = (sᵀy / yᵀy)·I from the newest pair. */
  private void direction(double[] g, Work w) {
    int n = g.length;
    double[] q = w.d;
    for (int i = 0; i < n; i++) {
      q[i] = g[i];
    }
    int m = w.s.length;
    for (int k = 0; k < w.stored; k++) {
      int j = Math.floorMod(w.newest - k, m);
      w.alpha[j] = w.rho[j] * Vectors.dot(w.s[j], q);
      Vectors.axpy(-w.alpha[j], w.y[j], q);
    }
    if (w.stored > 0) {
      double[] yn = w.y[w.newest];
      double gammaK = Vectors.dot(w.s[w.newest], yn) / Vectors.dot(yn, yn);
      for (int i = 0; i < n; i++) {
        q[i] *= gammaK;
      }
    }
    for (int k = w.stored - 1; k >= 0; k--) {
      int j = Math.floorMod(w.newest - k, m);
      double beta = w.rho[j] * Vectors.dot(w.y[j], q);
      Vectors.axpy(w.alpha[j] - beta, w.s[j], q);
    }
    for (int i = 0; i < n; i++) {
      q[i] = -q[i];
    }
  }

  /** Stores s = x_new − x, y = g_new − g if the curvature sᵀy is safely positive. */
  private void remember(double[] x, double[] g, Work w) {
    double sy = 0;
    double yy = 0;
    for (int i = 0; i < x.length; i++) {
      double si = w.ls.xNew[i] - x[i];
      double yi = w.ls.gNew[i] - g[i];
      sy += si * yi;
      yy += yi * yi;
    }
    // L-BFGS-B's test: skip the pair unless sᵀy > ε·yᵀy, which keeps H positive definite. The slot
    // is written only for an accepted pair: a full memory's oldest pair must survive a rejection.
    if (!(sy > Math.ulp(1.0) * yy)) {
      return;
    }
    int m = w.s.length;
    int j = (w.newest + 1) % m;
    for (int i = 0; i < x.length; i++) {
      w.s[j][i] = w.ls.xNew[i] - x[i];
      w.y[j][i] = w.ls.gNew[i] - g[i];
    }
    w.rho[j] = 1.0 / sy;
    w.newest = j;
    w.stored = Math.min(w.stored + 1, m);
  }

  @Override
  public String toString() {
    return "Lbfgs{memory=" + memory + ", pgtol=" + pgtol + ", ftol=" + ftol + ", c1=" + c1 + ", c2=" + c2
        + ", max_line_search=" + maxLineSearch + "}";
  }
}
