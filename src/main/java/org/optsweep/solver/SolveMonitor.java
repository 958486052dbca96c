package org.optsweep.solver;

import java.util.Arrays;
import org.optsweep.gradient.Evaluator;
import org.optsweep.objective.Composite;
import org.optsweep.objective.Objective;

/**
 * The book-keeping of one solve, shared by every solver: evaluation counts, stopping rules, target
 * first-hits, the trace, and the final status. Everything is allocated when the solve starts;
 * {@link #afterStep} allocates nothing, so the per-iteration cost is a few passes over x.
 *
 * <p>f(x_t) is computed by the monitor only when something needs it (a value-gap target not yet hit,
 * a value target, a trace sample) and the solver did not already know it. Those evaluations are not
 * counted in {@link SolveResult#valueEvaluations()}, as COCO's observer does not count its own.
 */
final class SolveMonitor {
  /** How often (in iterations) the wall clock is read: nanoTime costs ~20 ns, an Ackley step ~150 ns. */
  private static final int CLOCK_EVERY = 64;

  final Evaluator eval;
  final Objective objective;
  final Stopping stop;
  final int n;
  private final double[] minimiser;
  private final double minimum;
  private final double[] distTargetsSq;
  private final double[] gapTargets;
  final int[] distanceHits;
  final int[] gapHits;
  private int distLeft;
  private int gapLeft;
  private final boolean valueTargetOn;
  private final long startNanos;
  private final long deadlineNanos;
  private final double boundSq;
  private final double stepTolSq;
  private final double gradTolSq;

  private final TraceSampler trace;

  double bestValue = Double.POSITIVE_INFINITY;
  /** Whether an iteration may skip the slow path (see {@link #updateQuiet}). */
  private boolean quiet;
  /** The largest squared distance target not yet hit (−∞ when none is left). */
  private double distLooseSq;
  /** How the solve ended, once a test fired. */
  Stop ending;
  int iterations;

  /** Whether {@link #eval} evaluates the smooth part of a {@link Composite} objective (proximal solvers). */
  private final boolean smoothOnly;

  SolveMonitor(SolveRequest req) {
    this(req, false, null);
  }

  /**
   * @param smoothPart whether the solver evaluates only the smooth part s of a {@link Composite} objective
   *                   and treats its L1 term itself (ISTA, FISTA, OWL-QN): {@link #eval} then counts and
   *                   budgets evaluations of s, while targets, traces and the final value use the full F.
   *                   Ignored for an objective that is not composite.
   * @param from       a paused solve's state to continue (its counts, best value, hits, trace and wall time), or
   *                   {@code null} for a new solve; {@link #checkState} has checked its solver and iteration
   */
  SolveMonitor(SolveRequest req, boolean smoothPart, SolverState from) {
    // A continued solve's clock starts where the paused one stopped: the time budget holds for the whole solve.
    this.startNanos = System.nanoTime() - (from == null ? 0 : from.wallNanos());
    this.objective = req.objective();
    this.smoothOnly = smoothPart && objective instanceof Composite;
    this.eval = new Evaluator(smoothOnly ? ((Composite) objective).smoothPart() : objective, req.gradient(), req.h(),
        req.stopping().maxEvaluations());
    this.stop = req.stopping();
    this.n = objective.dimension();
    double[] xs = objective.minimiser();
    this.minimiser = xs;
    this.minimum = objective.minimum();
    double[] d = req.targets().distances();
    this.distTargetsSq = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      distTargetsSq[i] = d[i] * d[i];
    }
    this.gapTargets = req.targets().gaps();
    this.distanceHits = new int[d.length];
    this.gapHits = new int[gapTargets.length];
    Arrays.fill(distanceHits, -1);
    Arrays.fill(gapHits, -1);
    // Targets that can never be decided (no known optimum) are not monitored.
    this.distLeft = minimiser == null ? 0 : d.length;
    this.gapLeft = Double.isNaN(minimum) ? 0 : gapTargets.length;
    this.valueTargetOn = stop.valueTarget() > Double.NEGATIVE_INFINITY;
    // Saturating: a budget beyond ~292 years means none.
    long budgetNanos = stop.timeBudgetMillis() > Long.MAX_VALUE / 2_000_000L ? 0 : stop.timeBudgetMillis() * 1_000_000L;
    this.deadlineNanos = budgetNanos > 0 ? startNanos + budgetNanos : Long.MAX_VALUE;
    this.boundSq = stop.divergenceBound() * stop.divergenceBound();
    this.stepTolSq = stop.stepTolerance() * stop.stepTolerance();
    this.gradTolSq = stop.gradientTolerance() * stop.gradientTolerance();
    this.trace = new TraceSampler(req.tracePoints(), stop.maxIterations());
    if (from != null) {
      restore(from, req);
    }
    updateQuiet();
  }

  /**
   * Refuses a state another solver made, or a pause that is not after it.
   *
   * @param solver the name of the solver asked to continue
   * @throws IllegalArgumentException when the state or the pause does not fit
   */
  static void checkState(String solver, SolverState from, int pauseAt) {
    if (from != null && !from.solver().equals(solver)) {
      throw new IllegalArgumentException("a state of solver " + from.solver() + " cannot be continued by solver "
          + solver);
    }
    int after = from == null ? 0 : from.iterations();
    if (pauseAt <= after) {
      throw new IllegalArgumentException("pause at iteration " + pauseAt + ": must be after iteration " + after
          + (from == null ? " (the start)" : ", where the state was taken"));
    }
  }

  /** The monitor of a paused solve, continued: everything {@link #pause} saved, checked against the request. */
  private void restore(SolverState s, SolveRequest req) {
    String which = "the state of " + s.solver() + " after iteration " + s.iterations();
    if (s.x().length != n) {
      throw new IllegalArgumentException(which + " has " + s.x().length + " coordinates, objective "
          + objective.name() + " has dimension " + n);
    }
    if (s.iterations() >= stop.maxIterations()) {
      throw new IllegalArgumentException(which + " is at or beyond the request's max_iterations = "
          + stop.maxIterations() + ": nothing is left to continue");
    }
    if (s.distanceHits().length != distanceHits.length || s.gapHits().length != gapHits.length) {
      throw new IllegalArgumentException(which + " has " + s.distanceHits().length + " distance and "
          + s.gapHits().length + " value-gap targets, the request " + distanceHits.length + " and " + gapHits.length);
    }
    trace.restore(s.trace(), s.iterations(), () -> which + " has trace samples at " + Arrays.toString(
        s.trace().iterations()) + " but the request's trace plan (" + req.tracePoints() + " points over max_iterations = "
        + stop.maxIterations() + ") has " + Arrays.toString(trace.planUpTo(s.iterations())) + " up to there");
    iterations = s.iterations();
    eval.continueFrom(s.valueEvaluations(), s.gradientEvaluations());
    bestValue = s.bestValue();
    System.arraycopy(s.distanceHits(), 0, distanceHits, 0, distanceHits.length);
    System.arraycopy(s.gapHits(), 0, gapHits, 0, gapHits.length);
    distLeft = minimiser == null ? 0 : unmet(distanceHits);
    gapLeft = Double.isNaN(minimum) ? 0 : unmet(gapHits);
  }

  private static int unmet(int[] hits) {
    int k = 0;
    for (int h : hits) {
      if (h < 0) {
        k++;
      }
    }
    return k;
  }

  /**
   * Pauses the solve after iteration {@link #iterations}: the state to continue from, taken before anything the
   * paused result adds (its evaluation of f(x), its last trace sample), and that result.
   *
   * @param solver the solver's name
   * @param x      x_k (copied)
   * @param fx     f(x_k) if the solver knows it, else NaN
   * @param reals  the solver's own numbers (kept, not copied)
   * @param ints   the solver's own integers (kept, not copied)
   */
  SolveSegment pause(String solver, double[] x, double fx, double[] reals, int[] ints) {
    Trace samples = trace.samples();
    SolverState state = new SolverState(solver, iterations, x.clone(), eval.valueEvaluations(),
        eval.gradientEvaluations(), bestValue, distanceHits.clone(), gapHits.clone(), samples,
        System.nanoTime() - startNanos, reals, ints);
    end(StopTest.MAX_ITERATIONS, iterations, iterations);
    return new SolveSegment(finish(x, fx), state);
  }

  /** The end of a solve that was not paused. */
  SolveSegment ended(double[] x, double fx) {
    return new SolveSegment(finish(x, fx), null);
  }

  /**
   * Checks the stopping rules after iteration t and records targets and trace.
   *
   * @param t     the iteration just completed (0 for the start point)
   * @param x     the new iterate
   * @param xPrev the previous iterate, or {@code null} (t = 0, or a solver that reports the step itself)
   * @param grad  the gradient the solver last computed, or {@code null} (derivative-free)
   * @param fx    f(x) if the solver knows it, else NaN
   * @return true when the solve must stop; {@link #ending} is then set
   */
  boolean afterStep(int t, double[] x, double[] xPrev, double[] grad, double fx) {
    iterations = t;
    // One pass for every norm an iteration may need: ||x|| (divergence), the step, the distance.
    boolean step = xPrev != null;
    boolean dist = distLeft > 0;
    double xSq = 0;
    double stepSq = 0;
    double distSq = 0;
    for (int i = 0; i < n; i++) {
      double xi = x[i];
      xSq += xi * xi;
      if (step) {
        double s = xi - xPrev[i];
        stepSq += s * s;
      }
      if (dist) {
        double d = xi - minimiser[i];
        distSq += d * d;
      }
    }
    // NaN and ±Inf fail this comparison too.
    if (!(xSq <= boundSq)) {
      return Double.isNaN(xSq) || Double.isInfinite(xSq) ? end(StopTest.X_NOT_FINITE, xSq, Double.NaN)
          : end(StopTest.DIVERGENCE_BOUND, Math.sqrt(xSq), stop.divergenceBound());
    }
    // The common iteration: nothing to evaluate, record or test. Kept small so that it inlines into
    // the solvers' loops; everything else is in the slow path below.
    if (quiet && t != 0 && step && stepSq > stepTolSq && (!dist || distSq > distLooseSq)
        && !trace.due(t) && (t & (CLOCK_EVERY - 1)) != 0) {
      if (fx < bestValue) {
        bestValue = fx;
      }
      return false;
    }
    return slow(t, x, grad, fx, step ? stepSq : Double.NaN, dist ? distSq : Double.NaN);
  }

  /** Whether an iteration can need nothing beyond the norms: no value or gap test, no gradient test, no budget. */
  private void updateQuiet() {
    quiet = !valueTargetOn && gapLeft == 0 && gradTolSq == 0 && stop.maxEvaluations() <= 0;
    double loose = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < distTargetsSq.length; j++) {
      if (distanceHits[j] < 0) {
        loose = Math.max(loose, distTargetsSq[j]);
      }
    }
    distLooseSq = loose;
  }

  private boolean slow(int t, double[] x, double[] grad, double fx, double stepSq, double distSqIn) {
    boolean traceNow = trace.due(t);
    if (Double.isNaN(fx) && (gapLeft > 0 || valueTargetOn || traceNow)) {
      fx = objective.value(x);
    }
    if (fx < bestValue) {
      bestValue = fx;
    }
    if (Double.isInfinite(fx) || (Double.isNaN(fx) && (gapLeft > 0 || valueTargetOn))) {
      return end(StopTest.F_NOT_FINITE, fx, Double.NaN);
    }
    double distSq = distSqIn;
    if (distLeft > 0 || traceNow) {
      if (Double.isNaN(distSq) && minimiser != null) {
        distSq = distanceSq(x);
      }
      for (int j = 0; j < distTargetsSq.length && distLeft > 0; j++) {
        if (distanceHits[j] < 0 && distSq <= distTargetsSq[j]) {
          distanceHits[j] = t;
          distLeft--;
          updateQuiet();
        }
      }
    }
    if (gapLeft > 0) {
      double gap = fx - minimum;
      for (int j = 0; j < gapTargets.length; j++) {
        if (gapHits[j] < 0 && gap <= gapTargets[j]) {
          gapHits[j] = t;
          gapLeft--;
          updateQuiet();
        }
      }
    }
    // ||grad|| only when a test or the trace reads it: a non-finite gradient shows up as a
    // non-finite x one iteration later, so it need not be checked on every iteration.
    double gradSq = Double.NaN;
    if (grad != null && (gradTolSq > 0 || stepSq == 0 || traceNow)) {
      gradSq = 0;
      for (int i = 0; i < n; i++) {
        gradSq += grad[i] * grad[i];
      }
    }
    if (traceNow) {
      trace.record(t, fx, distSq, gradSq, stepSq);
    }
    if (t == 0) {
      return false;
    }
    if (valueTargetOn && fx <= stop.valueTarget()) {
      return end(StopTest.VALUE_TARGET, fx, stop.valueTarget());
    }
    // Tested only when computed for the test itself, so that sampling a trace never changes a result.
    if (grad != null && (gradTolSq > 0 || stepSq == 0)) {
      if (gradTolSq > 0 && gradSq <= gradTolSq) {
        return end(StopTest.GRADIENT_TOLERANCE, Math.sqrt(gradSq), stop.gradientTolerance());
      }
      if (gradSq == 0 && stepSq == 0) {
        // Not convergence: no tolerance was met, the gradient is merely exactly zero.
        return end(StopTest.ZERO_GRADIENT, fx, Double.NaN);
      }
      if (stepSq == 0 && stop.stepTolerance() == 0) {
        return end(StopTest.NO_STEP, Math.sqrt(gradSq), Double.NaN);
      }
    }
    if (stepSq <= stepTolSq) {
      return end(StopTest.STEP_TOLERANCE, Math.sqrt(stepSq), stop.stepTolerance());
    }
    if (evaluationsExhausted()) {
      return end(StopTest.MAX_EVALUATIONS, eval.valueEvaluations(), stop.maxEvaluations());
    }
    if ((t & (CLOCK_EVERY - 1)) == 0 && System.nanoTime() > deadlineNanos) {
      return timedOut(t);
    }
    return false;
  }

  /** Whether the evaluation budget is used up (for solvers that evaluate many times per iteration). */
  boolean evaluationsExhausted() {
    return stop.maxEvaluations() > 0 && eval.valueEvaluations() >= stop.maxEvaluations();
  }

  /** Whether the wall-clock budget is used up (for solvers with long iterations). */
  boolean overTime() {
    return deadlineNanos != Long.MAX_VALUE && System.nanoTime() > deadlineNanos;
  }

  boolean timedOut(int t) {
    return end(StopTest.TIME_BUDGET, Double.NaN, stop.timeBudgetMillis());
  }

  private double distanceSq(double[] x) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      double d = x[i] - minimiser[i];
      s += d * d;
    }
    return s;
  }

  /** Sets how the solve ended (the first stop set wins) and returns true. */
  boolean end(StopTest test, double value, double threshold) {
    return end(Stop.of(test, value, threshold));
  }

  /** Sets how the solve ended (the first stop set wins) and returns true. */
  boolean end(Stop s) {
    if (ending == null) {
      ending = s;
    }
    return true;
  }

  /**
   * Records what a solver's loop caught: the evaluation budget running out (the evaluator refuses
   * the evaluation that would exceed it), or an exception thrown by the objective (FAILED).
   */
  void failed(Throwable e) {
    if (e instanceof Evaluator.BudgetExhausted) {
      end(StopTest.MAX_EVALUATIONS, eval.valueEvaluations(), stop.maxEvaluations());
      return;
    }
    String msg = e.getMessage();
    end(Stop.because(StopTest.OBJECTIVE_THREW, e.getClass().getName() + (msg == null ? "" : ": " + msg)));
  }

  /** Builds the result at {@code x}; MAX_ITERATIONS if no other status was set. */
  SolveResult finish(double[] x, double fxKnown) {
    end(StopTest.MAX_ITERATIONS, iterations, stop.maxIterations());
    if (!smoothOnly && ending.detail() == null && eval.gradientEvaluations() > 0
        && objective instanceof Composite c && c.l1Weight() > 0) {
      // A gradient solver differentiated F = s + mu |x|_1 itself: say so in the reason (issue 14).
      ending = new Stop(ending.test(), ending.value(), ending.threshold(), Composite.SUBGRADIENT_NOTE);
    }
    double fx = fxKnown;
    if (Double.isNaN(fx)) {
      try {
        fx = ending.status() == Status.FAILED ? Double.NaN : objective.value(x);
      } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
        fx = Double.NaN;
      }
    }
    if (fx < bestValue) {
      bestValue = fx;
    }
    double dist = minimiser == null ? Double.NaN : Math.sqrt(distanceSq(x));
    double gap = Double.isNaN(minimum) ? Double.NaN : fx - minimum;
    return new SolveResult(x.clone(), fx, dist, gap, iterations, eval.valueEvaluations(),
        eval.gradientEvaluations(), bestValue, ending, distanceHits.clone(), gapHits.clone(),
        trace.last(iterations, fx, dist),
        System.nanoTime() - startNanos);
  }

}
