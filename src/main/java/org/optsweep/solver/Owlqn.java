package org.optsweep.solver;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.FirstOrderMinimizer$;
import breeze.optimize.OWLQN;
import java.util.List;
import java.util.Locale;
import org.optsweep.objective.Composite;
import org.optsweep.objective.Objective;
import org.optsweep.param.Param;

/**
 * OWL-QN, the orthant-wise limited-memory quasi-Newton method of Andrew &amp; Gao (2007), "Scalable Training
 * of L1-Regularized Log-Linear Models", ICML — breeze 2.1.0's {@code breeze.optimize.OWLQN}, which ships
 * with Spark MLlib and is what MLlib's own L1 trainers run.
 *
 * <p>On F = s + μ‖x‖₁ ({@link Composite}) breeze gets s and ∇s (through the solve's evaluator, so they are
 * counted and budgeted) and the per-coordinate L1 weights (μ on penalised coordinates, 0 on the intercept);
 * on any other objective the weights are 0 and OWL-QN is breeze's L-BFGS with a backtracking line search.
 * The "gradient" the stopping rules and traces see is breeze's pseudo-gradient (its {@code adjustedGradient}):
 * the minimum-norm subgradient of F, whose ∞-norm is the KKT residual.
 *
 * <p>Stops, mapped from breeze's outcomes:
 * <ul>
 *   <li>max |pseudo-gradient_i| ≤ {@code pgtol} → PGTOL (CONVERGED), checked by optsweep after each iteration;</li>
 *   <li>breeze's "function values converged" (|F_k − max of the last 20 F| ≤ {@code tolerance}·|F₀|) → FTOL
 *       (CONVERGED), value = that relative change;</li>
 *   <li>breeze's "line search failed!" — two consecutive line-search / step-size failures, the L-BFGS memory
 *       having been reset after the first ({@code FirstOrderMinimizer.infiniteIterations}) → LINE_SEARCH
 *       (LINE_SEARCH_FAILED) with a reason;</li>
 *   <li>{@code max_iterations}, the evaluation and time budgets, divergence, the user's tolerances: as every
 *       solver, by optsweep's monitor (breeze's own iteration limit is not used).</li>
 * </ul>
 * breeze's gradient test (‖pseudo-gradient‖₂ ≤ max(tolerance·|F|, 1e-8)) is not used: its hard 1e-8 floor
 * would stop raw-unit problems (diabetes) far from a 1e-9 KKT residual; {@code pgtol} replaces it.
 * breeze allocates per iteration (see {@link BreezeFunction}); this solver is not allocation-free.
 */
public final class Owlqn implements Solver {

  /** Curvature pairs kept; default 10 (MLlib's). */
  public static final Param<Integer> MEMORY = Param.integer("memory", 10, 1, 1000,
      "number of curvature pairs kept (L-BFGS memory m; MLlib uses 10)");
  /** breeze's function-value test: |F_k − max of the last 20 F| ≤ tolerance·|F₀|; default 1e-9. */
  public static final Param<Double> TOLERANCE = Param.nonNegative("tolerance", 1e-9,
      "CONVERGED (ftol) when |F_k - max of the last 20 F| <= tolerance |F_0| (breeze's function-value test)");
  /** CONVERGED when the KKT residual max |pseudo-gradient_i| ≤ pgtol; default 1e-5 (as lbfgs). */
  public static final Param<Double> PGTOL = Param.nonNegative("pgtol", 1e-5,
      "CONVERGED when max |pseudo-gradient_i| (the KKT residual) <= this");

  /** breeze's history length for the function-value test (its default in the default convergence check). */
  static final int FVAL_MEMORY = 20;

  /** Registers {@code owlqn}. */
  public static final SolverProvider PROVIDER = SolverProvider.of("owlqn",
      "breeze's OWL-QN (Andrew & Gao 2007): L-BFGS on the smooth part with orthant-wise steps for the L1 term",
      List.of(MEMORY, TOLERANCE, PGTOL), false, true,
      (s, schedule) -> new Owlqn(s.get(MEMORY), s.get(TOLERANCE), s.get(PGTOL)));

  private final int memory;
  private final double tolerance;
  private final double pgtol;

  /**
   * @param memory    curvature pairs, default 10
   * @param tolerance breeze's function-value tolerance, default 1e-9
   * @param pgtol     KKT-residual tolerance, default 1e-5
   */
  public Owlqn(int memory, double tolerance, double pgtol) {
    this.memory = memory;
    this.tolerance = tolerance;
    this.pgtol = pgtol;
  }

  @Override
  public String name() {
    return "owlqn";
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Override
  public SolveResult solve(SolveRequest req) {
    SolveMonitor run = new SolveMonitor(req, true);
    Objective f = req.objective();
    int n = f.dimension();
    double[] x = req.start().clone();
    double fx = Double.NaN;
    try {
      double[] l1 = new double[n];
      if (f instanceof Composite c) {
        for (int j = 0; j < n; j++) {
          l1[j] = c.isPenalised(j) ? c.l1Weight() : 0.0;
        }
      }
      BreezeFunction fn = new BreezeFunction(run.eval, n);
      DenseVector<Object> x0 = BreezeFunction.vector(x);
      // Evaluated here first (and cached, so breeze's first call is free) to refuse a non-finite start.
      double s0 = (Double) fn.calculate(x0)._1();
      if (!Double.isFinite(s0)) {
        run.end(StopTest.F_NOT_FINITE, s0, Double.NaN);
        return run.finish(x, s0);
      }
      DiffFunction<DenseVector<Object>> df = fn.toBreeze();
      FirstOrderMinimizer.ConvergenceCheck<DenseVector<Object>> check =
          FirstOrderMinimizer$.MODULE$.<DenseVector<Object>>functionValuesConverged(tolerance, true, FVAL_MEMORY)
              .$bar$bar(FirstOrderMinimizer$.MODULE$.searchFailed());
      scala.Function1<Object, Object> l1reg = k -> l1[(Integer) k];
      OWLQN<Object, DenseVector<Object>> owlqn = new OWLQN<>(check, memory, l1reg, DenseVector.space_Double());
      scala.collection.Iterator<FirstOrderMinimizer.State> states =
          (scala.collection.Iterator) owlqn.iterations(df, x0);
      double[] pg = new double[n];
      double[] xPrev = new double[n];
      double[] history = new double[FVAL_MEMORY];
      FirstOrderMinimizer.State st = states.next();
      BreezeFunction.copy((DenseVector<Object>) st.adjustedGradient(), pg);
      fx = st.adjustedValue();
      double f0 = fx;
      if (run.afterStep(0, x, null, pg, fx)) {
        return run.finish(x, fx);
      }
      if (normInf(pg) <= pgtol) {
        run.end(normInf(pg) == 0 ? Stop.of(StopTest.ZERO_GRADIENT, fx, Double.NaN)
            : Stop.of(StopTest.PGTOL, normInf(pg), pgtol));
        return run.finish(x, fx);
      }
      history[0] = fx;
      int maxIt = req.stopping().maxIterations();
      int done = 0;
      while (done < maxIt && states.hasNext()) {
        st = states.next();
        if (st.searchFailed()) {
          run.end(Stop.because(StopTest.LINE_SEARCH, lineSearchFailure(done, fx, pg)));
          break;
        }
        if (st.iter() == done) {
          continue; // the first failure: breeze reset its memory and retries from the same point
        }
        done = st.iter();
        System.arraycopy(x, 0, xPrev, 0, n);
        BreezeFunction.copy((DenseVector<Object>) st.x(), x);
        BreezeFunction.copy((DenseVector<Object>) st.adjustedGradient(), pg);
        fx = st.adjustedValue();
        history[done % FVAL_MEMORY] = fx;
        if (run.afterStep(done, x, xPrev, pg, fx)) {
          break;
        }
        if (normInf(pg) <= pgtol) {
          run.end(StopTest.PGTOL, normInf(pg), pgtol);
          break;
        }
        if (st.convergenceReason().isDefined()) {
          run.end(StopTest.FTOL, Math.abs(fx - max(history, Math.min(done + 1, FVAL_MEMORY))) / Math.abs(f0),
              tolerance);
          break;
        }
        if (run.overTime()) {
          run.timedOut(done);
          break;
        }
      }
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      run.failed(e);
    }
    return run.finish(x, fx);
  }

  private static String lineSearchFailure(int t, double f, double[] pg) {
    return String.format(Locale.ROOT, "breeze OWLQN: the line search failed twice in a row after iteration %d "
        + "(the L-BFGS memory was reset after the first failure) at F = %.17g, max |pseudo-gradient_i| = %.3g: "
        + "no step along the orthant-projected direction decreased F (f and its gradient may disagree, or F is "
        + "flat to rounding there)", t, f, normInf(pg));
  }

  private static double max(double[] v, int count) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      m = Math.max(m, v[i]);
    }
    return m;
  }

  private static double normInf(double[] g) {
    double m = 0;
    for (double v : g) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @Override
  public String toString() {
    return "Owlqn{memory=" + memory + ", tolerance=" + tolerance + ", pgtol=" + pgtol + "}";
  }
}
