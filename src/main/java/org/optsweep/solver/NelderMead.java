package org.optsweep.solver;

import java.util.List;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;

/**
 * The Nelder–Mead simplex method (Nelder &amp; Mead 1965), step for step as
 * {@code scipy.optimize.minimize(method='Nelder-Mead')} (scipy 1.17 {@code _minimize_neldermead}):
 * the same initial simplex (x₀ and x₀ with coordinate i scaled by 1 + initial_step, or set to
 * zero_step where it is 0), the same coefficients ρ = 1, χ = 2, ψ = ½, σ = ½ (or Gao &amp; Han's adaptive
 * ones), the same order of comparisons and the same termination test, so that on the same problem
 * it visits the same points as scipy and its results can be checked against scipy's.
 *
 * <p>Written here rather than using commons-math3's {@code SimplexOptimizer}, which allocates a
 * {@code PointValuePair} per evaluation, offers no per-iteration hook for targets and traces, and
 * builds its initial simplex differently from the scipy one users compare with.
 *
 * <p>Iterations are simplex updates: scipy's {@code nit} is this count plus one (it starts at 1).
 * Derivative-free: the solve reports no gradient evaluations.
 */
public final class NelderMead extends ContinuableSolver {

  /** Registers {@code nelder_mead}. */
  public static final SolverProvider PROVIDER = SolverProvider.of("nelder_mead",
      "Nelder-Mead simplex, as scipy.optimize.minimize(method='Nelder-Mead')",
      List.of(Params.INITIAL_STEP, Params.ZERO_STEP, Params.ADAPTIVE, Params.XATOL, Params.FATOL), false, false,
      (s, schedule) -> new NelderMead(s.get(Params.INITIAL_STEP), s.get(Params.ZERO_STEP), s.get(Params.ADAPTIVE),
          s.get(Params.XATOL), s.get(Params.FATOL)));

  /** The hyperparameters, with scipy's defaults. */
  public static final class Params {
    private Params() {}

    /** Relative size of the initial simplex; default 0.05 (scipy nonzdelt). */
    public static final Param<Double> INITIAL_STEP = Param.positive("initial_step", 0.05,
        "relative size of the initial simplex (scipy nonzdelt)");
    /** Initial simplex step for coordinates that are 0; default 0.00025 (scipy zdelt). */
    public static final Param<Double> ZERO_STEP = Param.positive("zero_step", 0.00025,
        "initial simplex step for coordinates that are 0 (scipy zdelt)");
    /** Gao &amp; Han (2012) dimension-adapted coefficients; default false (scipy adaptive). */
    public static final Param<Boolean> ADAPTIVE = Param.flag("adaptive", false,
        "Gao & Han (2012) dimension-adapted coefficients (scipy adaptive)");
    /** CONVERGED needs max |vertex − best vertex| ≤ xatol; default 1e-4 (scipy). */
    public static final Param<Double> XATOL = Param.nonNegative("xatol", 1e-4,
        "CONVERGED when max |vertex - best vertex| <= this and...");
    /** ... and max |f(vertex) − f(best)| ≤ fatol; default 1e-4 (scipy). */
    public static final Param<Double> FATOL = Param.nonNegative("fatol", 1e-4,
        "... max |f(vertex) - f(best)| <= this (scipy xatol, fatol)");
  }

  private final double initialStep;
  private final double zeroStep;
  private final boolean adaptive;
  private final double xatol;
  private final double fatol;

  /**
   * @param initialStep relative initial simplex size, default 0.05
   * @param zeroStep    absolute initial step for zero coordinates, default 0.00025
   * @param adaptive    Gao–Han coefficients, default false
   * @param xatol       simplex-size tolerance, default 1e-4
   * @param fatol       value-spread tolerance, default 1e-4
   */
  public NelderMead(double initialStep, double zeroStep, boolean adaptive, double xatol, double fatol) {
    this.initialStep = initialStep;
    this.zeroStep = zeroStep;
    this.adaptive = adaptive;
    this.xatol = xatol;
    this.fatol = fatol;
  }

  @Override
  public String name() {
    return "nelder_mead";
  }

  /** Continues exactly: the state is the simplex, in its sorted order, and its values. */
  @Override
  SolveSegment run(SolveRequest req, SolverState from, int pauseAt) {
    SolveMonitor run = new SolveMonitor(req, false, from);
    int n = run.n;
    double rho = 1;
    double chi = adaptive ? 1 + 2.0 / n : 2;
    double psi = adaptive ? 0.75 - 1.0 / (2 * n) : 0.5;
    double sigma = adaptive ? 1 - 1.0 / n : 0.5;
    double[][] sim = new double[n + 1][n];
    double[] fsim = new double[n + 1];
    // Unevaluated vertices are NaN, not 0: an objective failing at once must not report f = 0.
    java.util.Arrays.fill(fsim, Double.NaN);
    double[] xbar = new double[n];
    double[] xr = new double[n];
    double[] xe = new double[n];
    double[] xc = new double[n];
    int[] order = new int[n + 1];
    double[][] sorted = new double[n + 1][];
    double[] fsorted = new double[n + 1];
    if (from != null) {
      restoreState(from.solverReals(), sim, fsim);
    }
    int maxIt = req.stopping().maxIterations();
    int last = Math.min(maxIt, pauseAt);
    try {
      if (from == null) {
        double[] x0 = req.start();
        System.arraycopy(x0, 0, sim[0], 0, n);
        for (int k = 0; k < n; k++) {
          System.arraycopy(x0, 0, sim[k + 1], 0, n);
          sim[k + 1][k] = x0[k] != 0 ? (1 + initialStep) * x0[k] : zeroStep;
        }
        for (int k = 0; k <= n; k++) {
          fsim[k] = run.eval.value(sim[k]);
        }
        sort(sim, fsim, order, sorted, fsorted);
        if (notFinite(run, 0, fsim[0])) {
          return run.ended(sim[0], fsim[0]);
        }
        if (n > 0 && fsim[n] == fsim[0]) {
          // Not one vertex differs: no direction to move in. Free to detect, and the usual cause is an
          // objective that ignores its input (scipy would shrink the simplex to xatol and call it converged).
          run.end(StopTest.FLAT_SIMPLEX, fsim[0], Double.NaN);
          return run.ended(sim[0], fsim[0]);
        }
      }
      if (from != null || !run.afterStep(0, sim[0], null, null, fsim[0])) {
        for (int t = from == null ? 1 : from.iterations() + 1; t <= last; t++) {
          if (converged(sim, fsim)) {
            run.end(StopTest.SIMPLEX_TOLERANCE, xatol, fatol);
            run.iterations = t - 1;
            break;
          }
          for (int j = 0; j < n; j++) {
            double s = 0;
            for (int k = 0; k < n; k++) {
              s += sim[k][j];
            }
            xbar[j] = s / n;
          }
          double[] worst = sim[n];
          for (int j = 0; j < n; j++) {
            xr[j] = (1 + rho) * xbar[j] - rho * worst[j];
          }
          double fxr = run.eval.value(xr);
          boolean shrink = false;
          if (fxr < fsim[0]) {
            for (int j = 0; j < n; j++) {
              xe[j] = (1 + rho * chi) * xbar[j] - rho * chi * worst[j];
            }
            double fxe = run.eval.value(xe);
            if (fxe < fxr) {
              replaceWorst(sim, fsim, xe, fxe);
            } else {
              replaceWorst(sim, fsim, xr, fxr);
            }
          } else if (fxr < fsim[n - 1]) {
            replaceWorst(sim, fsim, xr, fxr);
          } else if (fxr < fsim[n]) {
            // Contraction outside the simplex.
            for (int j = 0; j < n; j++) {
              xc[j] = (1 + psi * rho) * xbar[j] - psi * rho * worst[j];
            }
            double fxc = run.eval.value(xc);
            if (fxc <= fxr) {
              replaceWorst(sim, fsim, xc, fxc);
            } else {
              shrink = true;
            }
          } else {
            // Contraction inside.
            for (int j = 0; j < n; j++) {
              xc[j] = (1 - psi) * xbar[j] + psi * worst[j];
            }
            double fxcc = run.eval.value(xc);
            if (fxcc < fsim[n]) {
              replaceWorst(sim, fsim, xc, fxcc);
            } else {
              shrink = true;
            }
          }
          if (shrink) {
            if (run.eval.remainingEvaluations() < n) {
              // A partial shrink would leave vertices whose f is stale: stop before it.
              run.end(StopTest.MAX_EVALUATIONS, run.eval.valueEvaluations(), req.stopping().maxEvaluations());
              break;
            }
            for (int k = 1; k <= n; k++) {
              for (int j = 0; j < n; j++) {
                sim[k][j] = sim[0][j] + sigma * (sim[k][j] - sim[0][j]);
              }
              fsim[k] = run.eval.value(sim[k]);
            }
          }
          sort(sim, fsim, order, sorted, fsorted);
          if (notFinite(run, t, fsim[0]) || run.afterStep(t, sim[0], null, null, fsim[0])) {
            break;
          }
          if (run.overTime()) {
            run.timedOut(t);
            break;
          }
        }
      }
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      run.failed(e);
    }
    if (run.ending == null && last < maxIt) {
      return run.pause(name(), sim[0], fsim[0], saveState(sim, fsim), new int[0]);
    }
    return run.ended(sim[0], fsim[0]);
  }

  /**
   * solver_reals: the n + 1 vertices in their sorted order (best first, (n + 1)·n), then their values (n + 1).
   * The order is the state: the stable sort of the next iteration starts from it.
   */
  private static double[] saveState(double[][] sim, double[] fsim) {
    int n = fsim.length - 1;
    double[] out = new double[(n + 1) * (n + 1)];
    for (int k = 0; k <= n; k++) {
      System.arraycopy(sim[k], 0, out, k * n, n);
    }
    System.arraycopy(fsim, 0, out, (n + 1) * n, n + 1);
    return out;
  }

  private static void restoreState(double[] r, double[][] sim, double[] fsim) {
    int n = fsim.length - 1;
    if (r.length != (n + 1) * (n + 1)) {
      throw new IllegalArgumentException("solver nelder_mead: a state of dimension " + n + " has " + (n + 1) * (n + 1)
          + " solver_reals (the simplex and its values), got " + r.length);
    }
    for (int k = 0; k <= n; k++) {
      System.arraycopy(r, k * n, sim[k], 0, n);
    }
    System.arraycopy(r, (n + 1) * n, fsim, 0, n + 1);
  }

  /** NaN sorts last, so a NaN or +Inf best vertex means f is not finite anywhere on the simplex. */
  private static boolean notFinite(SolveMonitor run, int t, double best) {
    if (best < Double.POSITIVE_INFINITY) {
      return false;
    }
    return run.end(StopTest.SIMPLEX_NOT_FINITE, best, Double.NaN);
  }

  private static void replaceWorst(double[][] sim, double[] fsim, double[] x, double fx) {
    int n = fsim.length - 1;
    System.arraycopy(x, 0, sim[n], 0, x.length);
    fsim[n] = fx;
  }

  private boolean converged(double[][] sim, double[] fsim) {
    double maxDx = 0;
    double maxDf = 0;
    for (int k = 1; k < sim.length; k++) {
      for (int j = 0; j < sim[0].length; j++) {
        maxDx = Math.max(maxDx, Math.abs(sim[k][j] - sim[0][j]));
      }
      maxDf = Math.max(maxDf, Math.abs(fsim[0] - fsim[k]));
    }
    return maxDx <= xatol && maxDf <= fatol;
  }

  /**
   * Stable sort of the vertices by f (numpy's argsort on n+1 ≤ 16 elements is an insertion sort,
   * hence stable), permuting row references only.
   */
  private static void sort(double[][] sim, double[] fsim, int[] order, double[][] rows, double[] fs) {
    int m = fsim.length;
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    for (int i = 1; i < m; i++) {
      int key = order[i];
      int j = i - 1;
      // NaN sorts last, as in numpy.
      while (j >= 0 && greater(fsim[order[j]], fsim[key])) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = key;
    }
    for (int i = 0; i < m; i++) {
      rows[i] = sim[order[i]];
      fs[i] = fsim[order[i]];
    }
    for (int i = 0; i < m; i++) {
      sim[i] = rows[i];
      fsim[i] = fs[i];
    }
  }

  private static boolean greater(double a, double b) {
    return Double.isNaN(b) ? false : Double.isNaN(a) || a > b;
  }

  @Override
  public String toString() {
    return "NelderMead{initial_step=" + initialStep + ", zero_step=" + zeroStep + ", adaptive=" + adaptive
        + ", xatol=" + xatol + ", fatol=" + fatol + "}";
  }
}
