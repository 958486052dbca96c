package org.optsweep.solver;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.FirstOrderMinimizer$;
import breeze.optimize.LBFGS;
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
public final class Owlqn extends ContinuableSolver {

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

  /**
   * Continues exactly: the state is breeze's {@code FirstOrderMinimizer.State} (x, s and ∇s, F and the
   * pseudo-gradient, the iteration, F₀, the curvature pairs, the function-value history of the convergence test),
   * rebuilt on resume and handed to breeze's {@code infiniteIterations}, and the caches of f are primed with
   * s(x_k) and ∇s(x_k) as an uninterrupted solve holds them (breeze's line search asks for f at x_k again). A pause
   * falls after a successful iteration, where breeze's once-per-failure flag is clear. Relies on breeze 2.1.0's
   * state classes ({@code ContinuationTest} checks it).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  @Override
  SolveSegment run(SolveRequest req, SolverState from, int pauseAt) {
    SolveMonitor run = new SolveMonitor(req, true, from);
    Objective f = req.objective();
    int n = f.dimension();
    double[] x = (from == null ? req.start() : from.x()).clone();
    Saved saved = from == null ? null : Saved.read(from, n, memory);
    double fx = Double.NaN;
    int maxIt = req.stopping().maxIterations();
    int last = Math.min(maxIt, pauseAt);
    FirstOrderMinimizer.State st = null;
    double[] history = new double[FVAL_MEMORY];
    try {
      double[] l1 = new double[n];
      if (f instanceof Composite c) {
        for (int j = 0; j < n; j++) {
          l1[j] = c.isPenalised(j) ? c.l1Weight() : 0.0;
        }
      }
      BreezeFunction fn = new BreezeFunction(run.eval, n);
      DiffFunction<DenseVector<Object>> df = fn.toBreeze();
      FirstOrderMinimizer.ConvergenceCheck<DenseVector<Object>> check =
          FirstOrderMinimizer$.MODULE$.<DenseVector<Object>>functionValuesConverged(tolerance, true, FVAL_MEMORY)
              .$bar$bar(FirstOrderMinimizer$.MODULE$.searchFailed());
      scala.Function1<Object, Object> l1reg = k -> l1[(Integer) k];
      OWLQN<Object, DenseVector<Object>> owlqn = new OWLQN<>(check, memory, l1reg, DenseVector.space_Double());
      scala.collection.Iterator<FirstOrderMinimizer.State> states;
      double[] pg = new double[n];
      double[] xPrev = new double[n];
      double f0;
      if (from == null) {
        DenseVector<Object> x0 = BreezeFunction.vector(x);
        // Evaluated here first (and cached, so breeze's first call is free) to refuse a non-finite start.
        double s0 = (Double) fn.calculate(x0)._1();
        if (!Double.isFinite(s0)) {
          run.end(StopTest.F_NOT_FINITE, s0, Double.NaN);
          return run.ended(x, s0);
        }
        states = (scala.collection.Iterator) owlqn.iterations(df, x0);
        st = states.next();
        BreezeFunction.copy((DenseVector<Object>) st.adjustedGradient(), pg);
        fx = st.adjustedValue();
        f0 = fx;
        if (run.afterStep(0, x, null, pg, fx)) {
          return run.ended(x, fx);
        }
        if (normInf(pg) <= pgtol) {
          run.end(normInf(pg) == 0 ? Stop.of(StopTest.ZERO_GRADIENT, fx, Double.NaN)
              : Stop.of(StopTest.PGTOL, normInf(pg), pgtol));
          return run.ended(x, fx);
        }
        history[0] = fx;
      } else {
        st = saved.state(x, from.iterations(), memory);
        // As an uninterrupted solve leaves them: both caches hold x_k, s(x_k), grad s(x_k).
        fn.prime(x, saved.value, saved.grad);
        df.calculate(BreezeFunction.vector(x));
        // iterations() would start anew; infiniteIterations continues from a state (and yields it first).
        states = (scala.collection.Iterator) owlqn.infiniteIterations(df, st);
        states.next();
        System.arraycopy(saved.adjustedGrad, 0, pg, 0, n);
        fx = saved.adjustedValue;
        f0 = saved.initialAdjustedValue;
        System.arraycopy(saved.history, 0, history, 0, FVAL_MEMORY);
      }
      int done = st.iter();
      while (done < last && states.hasNext()) {
        st = states.next();
        if (from != null) {
          // What iterations()' takeUpToWhere does for a new solve.
          st.convergenceReason_$eq(check.apply(st, st.convergenceInfo()));
        }
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
    if (run.ending == null && last < maxIt) {
      return run.pause(name(), x, fx, Saved.write(st, history, n), new int[] {
          ((LBFGS.ApproximateInverseHessian<?>) st.history()).historyLength(), fvals(st).length()});
    }
    return run.ended(x, fx);
  }

  /** breeze's function-value history: the first part of the state's convergence info (the check built above). */
  @SuppressWarnings("unchecked")
  private static scala.collection.immutable.IndexedSeq<Object> fvals(FirstOrderMinimizer.State<?, ?, ?> st) {
    scala.collection.immutable.IndexedSeq<Object> info = (scala.collection.immutable.IndexedSeq<Object>)
        st.convergenceInfo();
    return (scala.collection.immutable.IndexedSeq<Object>) info.apply(0);
  }

  /**
   * The flat form of a paused OWL-QN solve. solver_reals: s(x_k), F(x_k), F(x_0), ∇s(x_k) (n), the pseudo-gradient
   * (n), breeze's h curvature pairs newest first — steps (h·n), gradient differences (h·n) —, breeze's
   * function-value history (L values, oldest first: its convergence test's info) and optsweep's last 20 F (for
   * the FTOL stop's value); solver_ints: h, L.
   */
  private record Saved(double value, double adjustedValue, double initialAdjustedValue, double[] grad,
                       double[] adjustedGrad, double[][] steps, double[][] gradDeltas, double[] fvals,
                       double[] history) {

    @SuppressWarnings("unchecked")
    static double[] write(FirstOrderMinimizer.State<?, ?, ?> st, double[] history, int n) {
      LBFGS.ApproximateInverseHessian<DenseVector<Object>> hess =
          (LBFGS.ApproximateInverseHessian<DenseVector<Object>>) st.history();
      int h = hess.historyLength();
      scala.collection.immutable.IndexedSeq<Object> fv = Owlqn.fvals(st);
      int l = fv.length();
      double[] out = new double[3 + 2 * n + 2 * h * n + l + FVAL_MEMORY];
      out[0] = st.value();
      out[1] = st.adjustedValue();
      out[2] = st.initialAdjVal();
      double[] v = new double[n];
      BreezeFunction.copy((DenseVector<Object>) st.grad(), v);
      System.arraycopy(v, 0, out, 3, n);
      BreezeFunction.copy((DenseVector<Object>) st.adjustedGradient(), v);
      System.arraycopy(v, 0, out, 3 + n, n);
      for (int i = 0; i < h; i++) {
        BreezeFunction.copy(hess.memStep().apply(i), v);
        System.arraycopy(v, 0, out, 3 + 2 * n + i * n, n);
        BreezeFunction.copy(hess.memGradDelta().apply(i), v);
        System.arraycopy(v, 0, out, 3 + 2 * n + (h + i) * n, n);
      }
      for (int i = 0; i < l; i++) {
        out[3 + 2 * n + 2 * h * n + i] = (Double) fv.apply(i);
      }
      System.arraycopy(history, 0, out, 3 + 2 * n + 2 * h * n + l, FVAL_MEMORY);
      return out;
    }

    static Saved read(SolverState from, int n, int memory) {
      int[] ints = from.solverInts();
      double[] r = from.solverReals();
      if (ints.length != 2 || ints[0] < 0 || ints[0] > memory || ints[1] < 1 || ints[1] > FVAL_MEMORY) {
        throw new IllegalArgumentException("solver owlqn: solver_ints must be [curvature pairs <= memory " + memory
            + ", function values 1.." + FVAL_MEMORY + "], got " + java.util.Arrays.toString(ints));
      }
      int h = ints[0];
      int l = ints[1];
      int length = 3 + 2 * n + 2 * h * n + l + FVAL_MEMORY;
      if (r.length != length) {
        throw new IllegalArgumentException("solver owlqn: a state of dimension " + n + " with " + h + " pairs and "
            + l + " function values has " + length + " solver_reals, got " + r.length);
      }
      double[][] steps = new double[h][];
      double[][] deltas = new double[h][];
      for (int i = 0; i < h; i++) {
        steps[i] = java.util.Arrays.copyOfRange(r, 3 + 2 * n + i * n, 3 + 2 * n + (i + 1) * n);
        deltas[i] = java.util.Arrays.copyOfRange(r, 3 + 2 * n + (h + i) * n, 3 + 2 * n + (h + i + 1) * n);
      }
      int at = 3 + 2 * n + 2 * h * n;
      return new Saved(r[0], r[1], r[2], java.util.Arrays.copyOfRange(r, 3, 3 + n),
          java.util.Arrays.copyOfRange(r, 3 + n, 3 + 2 * n), steps, deltas,
          java.util.Arrays.copyOfRange(r, at, at + l), java.util.Arrays.copyOfRange(r, at + l, at + l + FVAL_MEMORY));
    }

    /** breeze's state after iteration k, as {@code infiniteIterations} made it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    FirstOrderMinimizer.State state(double[] x, int k, int memory) {
      java.util.List<DenseVector<Object>> s = new java.util.ArrayList<>();
      java.util.List<DenseVector<Object>> y = new java.util.ArrayList<>();
      for (int i = 0; i < steps.length; i++) {
        s.add(BreezeFunction.vector(steps[i]));
        y.add(BreezeFunction.vector(gradDeltas[i]));
      }
      LBFGS.ApproximateInverseHessian<DenseVector<Object>> hess = new LBFGS.ApproximateInverseHessian<>(memory,
          seq(s), seq(y), DenseVector.space_Double());
      java.util.List<Object> values = new java.util.ArrayList<>();
      for (double v : fvals) {
        values.add(v);
      }
      // The info of functionValuesConverged || searchFailed: (its value history, searchFailed's Unit).
      Object info = seq(java.util.List.of(seq(values), scala.runtime.BoxedUnit.UNIT));
      return new FirstOrderMinimizer.State(BreezeFunction.vector(x), value, BreezeFunction.vector(grad),
          adjustedValue, BreezeFunction.vector(adjustedGrad), k, initialAdjustedValue, hess, info, false,
          scala.Option.empty());
    }

    private static <T> scala.collection.immutable.IndexedSeq<T> seq(java.util.List<T> list) {
      return scala.jdk.javaapi.CollectionConverters.asScala(list).toIndexedSeq();
    }
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
