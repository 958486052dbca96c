package org.optsweep.solver;

import org.optsweep.gradient.Evaluator;
import org.optsweep.schedule.Schedule;

/**
 * The shared loop of the gradient methods (GD, momentum, NAG, Adam, Adagrad, RMSProp): each
 * subclass supplies only its update, one short method that reads like the formula.
 *
 * @param <S> the per-solve state (momentum buffers, moment estimates), allocated once per solve
 */
abstract class FirstOrderSolver<S> implements Solver {
  protected final Schedule schedule;

  FirstOrderSolver(Schedule schedule) {
    this.schedule = schedule;
  }

  /** Allocates the per-solve state for dimension n. */
  abstract S newState(int n);

  /**
   * One iteration: moves {@code x} in place.
   *
   * @param t    iteration number, 1-based (the seed's {@code i})
   * @param lr   the schedule's rate for t
   * @param x    the iterate, updated in place
   * @param g    buffer for the gradient; on return it holds the gradient this step used
   * @param s    the per-solve state
   * @param eval f and ∇f, counted
   */
  abstract void step(int t, double lr, double[] x, double[] g, S s, Evaluator eval);

  @Override
  public final SolveResult solve(SolveRequest req) {
    SolveMonitor run = new SolveMonitor(req);
    int n = run.n;
    double[] x = req.start().clone();
    double[] xPrev = new double[n];
    double[] g = new double[n];
    int maxIt = req.stopping().maxIterations();
    try {
      S state = newState(n);
      if (!run.afterStep(0, x, null, null, Double.NaN)) {
        for (int t = 1; t <= maxIt; t++) {
          System.arraycopy(x, 0, xPrev, 0, n);
          step(t, schedule.rate(t), x, g, state, run.eval);
          if (run.afterStep(t, x, xPrev, g, Double.NaN)) {
            break;
          }
        }
      }
    } catch (RuntimeException | StackOverflowError | AssertionError | LinkageError e) {
      run.failed(e);
    }
    return run.finish(x, Double.NaN);
  }
}
