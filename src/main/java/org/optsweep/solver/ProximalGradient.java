package org.optsweep.solver;

import java.util.List;
import java.util.Locale;
import org.optsweep.gradient.Evaluator;
import org.optsweep.objective.Composite;
import org.optsweep.objective.Objective;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;
import org.optsweep.schedule.Schedule;

/**
 * ISTA and FISTA, the proximal gradient methods of Beck &amp; Teboulle (2009), "A Fast Iterative
 * Shrinkage-Thresholding Algorithm for Linear Inverse Problems", SIAM J. Imaging Sci. 2(1), 183–202.
 *
 * <p>For F = s + μ‖x‖₁ over the penalised coordinates ({@link Composite}), with step size σ:
 * <pre>
 *   p_σ(y) = soft(y − σ∇s(y), σμ),   soft(v, τ) = sign(v)·max(|v| − τ, 0) on penalised coordinates, v elsewhere
 *   ISTA:   x_k = p_σ(x_{k−1})
 *   FISTA:  x_k = p_σ(y_k),  t_{k+1} = (1 + √(1 + 4t_k²))/2,  y_{k+1} = x_k + ((t_k − 1)/t_{k+1})(x_k − x_{k−1}),
 *           y_1 = x_0, t_1 = 1
 * </pre>
 * σ is the schedule's lr(k), or with {@code backtracking} B&amp;T's rule: starting from the previous step
 * ({@code initial_step} at first), σ ← σ/η until s(p) ≤ s(y) + ⟨∇s(y), p − y⟩ + ‖p − y‖²/(2σ) (their
 * F(p) ≤ Q(p, y): the L1 terms cancel), so σ never grows and stays ≥ 1/(ηL) for an L-smooth s. The test
 * allows {@link #SLACK_ULPS} ulps of |s(y)| of slack. Backtracking spends one s evaluation per trial point; an accepted point's value
 * is reused by ISTA as the next s(y).
 *
 * <p>On an objective that is not composite (μ = 0) ISTA is gradient descent and FISTA Nesterov's 1983
 * method. The solver evaluates only the smooth part (its counts and the evaluation budget are of s);
 * targets and the final value use the full F. The "gradient" the stopping rules and traces see is the
 * minimum-norm subgradient of F ({@link org.optsweep.reference.compute.Kkt}) with ∇s taken at y_k, the point the
 * step was taken from, and the signs of the new iterate x_k: no extra evaluation, and at a fixed point it
 * is the KKT residual vector. (The gradient mapping (y − x_k)/σ is not used: in raw-unit data it rounds to
 * exactly 0 when σ∇s is below the precision of x, which would read as a stationary point; with this vector
 * such a solve ends STALLED, "the step is below the precision of x".)
 */
public final class ProximalGradient extends ContinuableSolver {

  /** Whether to choose σ by B&amp;T's backtracking instead of the schedule; default false. */
  public static final Param<Boolean> BACKTRACKING = Param.flag("backtracking", false,
      "choose the step by Beck & Teboulle's backtracking (initial_step, eta) instead of the schedule's lr(t)");
  /** The first trial step σ₀ = 1/L₀ of backtracking, in units of x per unit of gradient; default 1. */
  public static final Param<Double> INITIAL_STEP = Param.positive("initial_step", 1.0,
      "backtracking: first trial step 1/L0 (Beck & Teboulle's L0 = 1/initial_step)");
  /** Backtracking's shrink factor η &gt; 1 (σ ← σ/η per rejected trial); default 2. */
  public static final Param<Double> ETA = Param.openInterval("eta", 2.0, 1.0, Double.POSITIVE_INFINITY,
      "backtracking: shrink factor eta > 1 (step /= eta per rejected trial; Beck & Teboulle's L *= eta)");

  /**
   * FISTA only: O'Donoghue &amp; Candès' (2015) gradient-based adaptive restart — when
   * ⟨y_k − x_k, x_k − x_{k−1}⟩ &gt; 0 (the momentum points uphill), t is reset to 1 and y to x_k; default false
   * (B&amp;T's FISTA). On strongly convex problems it turns FISTA's O(1/k²) into a linear rate ~ 1 − 1/√κ.
   */
  public static final Param<Boolean> RESTART = Param.flag("restart", false,
      "fista: adaptive restart (O'Donoghue & Candes 2015): t = 1, y = x when <y - x_k, x_k - x_(k-1)> > 0");

  /**
   * Slack of the backtracking test, in ulps of |s(y)|: near the optimum both sides agree to the rounding of
   * s, a sum over the data whose error grows like √n ulps (n = 10⁶ rows: ~1000), and a strict test would
   * shrink σ — for good, by B&amp;T's monotone rule — on noise (seen: FISTA stalled on standardised breast
   * cancer with 8 ulps).
   */
  static final double SLACK_ULPS = 1024;

  /** Most step shrinks per iteration before the line search counts as failed (η = 2: a factor 1e-30). */
  static final int MAX_SHRINKS = 100;

  /** Registers {@code ista}. */
  public static final SolverProvider ISTA = SolverProvider.of("ista",
      "x = soft(x - s grad f_smooth(x), s l1_weight) (Beck & Teboulle 2009); s = lr(t) or backtracking",
      List.of(BACKTRACKING, INITIAL_STEP, ETA), true, true, (s, schedule) -> new ProximalGradient(false, schedule,
          s.get(BACKTRACKING), s.get(INITIAL_STEP), s.get(ETA), false));

  /** Registers {@code fista}. */
  public static final SolverProvider FISTA = SolverProvider.of("fista",
      "ISTA's step at y = x_k + ((t_k - 1)/t_(k+1))(x_k - x_(k-1)), t_(k+1) = (1 + sqrt(1 + 4 t_k^2))/2 "
          + "(Beck & Teboulle 2009); s = lr(t) or backtracking",
      List.of(BACKTRACKING, INITIAL_STEP, ETA, RESTART), true, true, (s, schedule) -> new ProximalGradient(true,
          schedule, s.get(BACKTRACKING), s.get(INITIAL_STEP), s.get(ETA), s.get(RESTART)));

  private final boolean accelerated;
  private final Schedule schedule;
  private final boolean backtracking;
  private final double initialStep;
  private final double eta;
  private final boolean restart;

  /**
   * @param accelerated  FISTA (true) or ISTA
   * @param schedule     σ = lr(k) when not backtracking (may be {@code null} when backtracking)
   * @param backtracking B&amp;T's backtracking instead of the schedule
   * @param initialStep  backtracking's σ₀ &gt; 0
   * @param eta          backtracking's shrink factor &gt; 1
   * @param restart      FISTA's adaptive restart (ignored by ISTA)
   */
  public ProximalGradient(boolean accelerated, Schedule schedule, boolean backtracking, double initialStep,
                          double eta, boolean restart) {
    if (!backtracking && schedule == null) {
      throw new InvalidParameterException("solver " + (accelerated ? "fista" : "ista"), "backtracking", false,
          "true, or a learning-rate schedule");
    }
    this.accelerated = accelerated;
    this.schedule = schedule;
    this.backtracking = backtracking;
    this.initialStep = initialStep;
    this.eta = eta;
    this.restart = restart && accelerated;
  }

  @Override
  public String name() {
    return accelerated ? "fista" : "ista";
  }

  /** Per-solve buffers and the step state. */
  private static final class Work {
    final double[] y;
    final double[] g;
    final double[] p;
    final double[] xPrev;
    final double[] residual;
    final boolean[] penalised;
    /** s(y), when known without evaluating (ISTA with backtracking: the accepted point's value). */
    double fy = Double.NaN;
    boolean fyKnown;
    /** The step the last prox step used. */
    double sigma;

    Work(Objective f) {
      int n = f.dimension();
      y = new double[n];
      g = new double[n];
      p = new double[n];
      xPrev = new double[n];
      residual = new double[n];
      penalised = new boolean[n];
      if (f instanceof Composite c) {
        for (int j = 0; j < n; j++) {
          penalised[j] = c.isPenalised(j);
        }
      }
    }
  }

  /** Continues exactly: the state is y, FISTA's t_k and backtracking's step (the schedule is a function of k). */
  @Override
  SolveSegment run(SolveRequest req, SolverState from, int pauseAt) {
    SolveMonitor run = new SolveMonitor(req, true, from);
    Objective f = req.objective();
    double mu = f instanceof Composite c ? c.l1Weight() : 0.0;
    double[] x = (from == null ? req.start() : from.x()).clone();
    int n = x.length;
    if (from != null) {
      checkState(from, n);
    }
    int maxIt = req.stopping().maxIterations();
    int last = Math.min(maxIt, pauseAt);
    Work w = null;
    double t = 1;
    try {
      // Inside the try: a user's Composite answers isPenalised here.
      w = new Work(f);
      System.arraycopy(x, 0, w.y, 0, n);
      w.sigma = initialStep;
      if (from != null) {
        t = restoreState(from, w);
      }
      if (from != null || !run.afterStep(0, x, null, null, Double.NaN)) {
        for (int k = from == null ? 1 : from.iterations() + 1; k <= last; k++) {
          Stop failed = proxStep(run.eval, w, mu, backtracking ? w.sigma : schedule.rate(k));
          if (failed != null) {
            run.end(failed);
            break;
          }
          for (int j = 0; j < n; j++) {
            w.residual[j] = kktComponent(w.g[j], w.p[j], w.penalised[j] ? mu : 0.0);
            w.xPrev[j] = x[j];
            x[j] = w.p[j];
          }
          if (restart && uphill(w, x)) {
            t = 1;
          }
          if (accelerated) {
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double beta = (t - 1) / tNext;
            for (int j = 0; j < n; j++) {
              w.y[j] = x[j] + beta * (x[j] - w.xPrev[j]);
            }
            t = tNext;
            w.fyKnown = false;
          } else {
            System.arraycopy(x, 0, w.y, 0, n);
          }
          if (run.afterStep(k, x, w.xPrev, w.residual, Double.NaN)) {
            break;
          }
        }
      }
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      run.failed(e);
    }
    if (run.ending == null && last < maxIt) {
      return run.pause(name(), x, Double.NaN, join(w.y, new double[] {t, w.sigma, w.fy}),
          new int[] {w.fyKnown ? 1 : 0});
    }
    return run.ended(x, Double.NaN);
  }

  /**
   * solver_reals: y_{k+1} (n; for ISTA y = x_k), then FISTA's t_{k+1} (1 for ISTA), the last step σ (backtracking
   * starts the next search from it) and s(y) when known; solver_ints: 1 when that s(y) is known (ISTA with
   * backtracking reuses the accepted point's value), else 0. x_{k−1} is not needed: every step sets it anew.
   *
   * @return FISTA's t_{k+1}
   */
  private static double restoreState(SolverState from, Work w) {
    int n = w.y.length;
    double[] r = from.solverReals();
    int[] ints = from.solverInts();
    System.arraycopy(r, 0, w.y, 0, n);
    w.sigma = r[n + 1];
    w.fy = r[n + 2];
    w.fyKnown = ints[0] == 1;
    return r[n];
  }

  /** Refuses a state whose solver arrays do not have {@link #restoreState}'s layout. */
  private void checkState(SolverState from, int n) {
    double[] r = from.solverReals();
    int[] ints = from.solverInts();
    if (r.length != n + 3 || ints.length != 1 || (ints[0] != 0 && ints[0] != 1)) {
      throw new IllegalArgumentException("solver " + name() + ": a state of dimension " + n + " has " + (n + 3)
          + " solver_reals (y, t, step, s(y)) and solver_ints [0 or 1], got " + r.length + " and "
          + java.util.Arrays.toString(ints));
    }
  }

  private static double[] join(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /**
   * w.p = p_σ(w.y), shrinking σ by backtracking if asked; the step used is left in w.sigma.
   *
   * @return the stop when backtracking found no acceptable step, else {@code null}
   */
  private Stop proxStep(Evaluator eval, Work w, double mu, double sigma) {
    int n = w.y.length;
    if (!backtracking) {
      eval.gradient(w.y, w.g);
      prox(w, mu, sigma);
      w.sigma = sigma;
      return null;
    }
    double fy;
    if (w.fyKnown) {
      eval.gradient(w.y, w.g);
      fy = w.fy;
    } else {
      fy = eval.valueAndGradient(w.y, w.g);
    }
    double slack = SLACK_ULPS * Math.ulp(Math.abs(fy));
    for (int shrink = 0; shrink <= MAX_SHRINKS; shrink++) {
      prox(w, mu, sigma);
      double fp = eval.value(w.p);
      double linear = 0;
      double sq = 0;
      for (int j = 0; j < n; j++) {
        double d = w.p[j] - w.y[j];
        linear += w.g[j] * d;
        sq += d * d;
      }
      if (fp - fy - linear <= sq / (2 * sigma) + slack) {
        w.sigma = sigma;
        w.fy = fp;
        w.fyKnown = !accelerated;
        return null;
      }
      sigma /= eta;
    }
    return Stop.because(StopTest.LINE_SEARCH, String.format(Locale.ROOT, "backtracking found no step: s(p) <= "
        + "s(y) + <grad s(y), p - y> + |p - y|^2/(2 step) failed for %d steps down to %.3g (eta %s) with s(y) = "
        + "%.17g; the gradient may not match the smooth part (run a gradient check), or s is not smooth there",
        MAX_SHRINKS + 1, sigma * eta, eta, fy));
  }

  /**
   * The minimum-norm subgradient's component j with ∇s taken at the point the step was taken from (y_k)
   * and the sign of the new iterate: g + μ·sign(x) where x ≠ 0, sign(g)·max(|g| − μ, 0) where x = 0.
   */
  private static double kktComponent(double g, double x, double mu) {
    if (x != 0 || mu == 0) {
      return g + mu * Math.signum(x);
    }
    return g > mu ? g - mu : g < -mu ? g + mu : 0.0;
  }

  /** O'Donoghue &amp; Candès' restart test ⟨y_k − x_k, x_k − x_{k−1}⟩ &gt; 0 (y still holds y_k, x is x_k). */
  private static boolean uphill(Work w, double[] x) {
    double dot = 0;
    for (int j = 0; j < x.length; j++) {
      dot += (w.y[j] - x[j]) * (x[j] - w.xPrev[j]);
    }
    return dot > 0;
  }

  /** w.p = soft(w.y − σ·w.g, σμ) on the penalised coordinates, w.y − σ·w.g elsewhere. */
  private static void prox(Work w, double mu, double sigma) {
    double tau = sigma * mu;
    for (int j = 0; j < w.y.length; j++) {
      double v = w.y[j] - sigma * w.g[j];
      if (tau > 0 && w.penalised[j]) {
        v = v > tau ? v - tau : v < -tau ? v + tau : 0.0;
      }
      w.p[j] = v;
    }
  }

  @Override
  public String toString() {
    return name() + "{" + (backtracking ? "backtracking, initial_step=" + initialStep + ", eta=" + eta
        : "schedule=" + schedule) + (restart ? ", restart" : "") + "}";
  }
}
