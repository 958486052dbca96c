package org.optsweep.solver;

import org.optsweep.gradient.Evaluator;
import org.optsweep.schedule.Schedule;

/**
 * The shared loop of the gradient methods (GD, momentum, NAG, Adam, Adagrad, RMSProp): each
 * subclass supplies only its update, one short method that reads like the formula.
 *
 * @param <S> the per-solve state (momentum buffers, moment estimates), allocated once per solve
 */
abstract class FirstOrderSolver<S> extends ContinuableSolver {
  protected final Schedule schedule;

  FirstOrderSolver(Schedule schedule) {
    this.schedule = schedule;
  }

  /** Allocates the per-solve state for dimension n. */
  abstract S newState(int n);

  /**
   * The per-solve state as numbers, for a pause ({@link SolverState#solverReals()}; the layout is in each
   * subclass's doc). Scratch buffers that every step overwrites before reading are not part of it.
   */
  abstract double[] saveState(S s);

  /**
   * Restores what {@link #saveState} wrote into a state {@link #newState} allocated.
   *
   * @throws IllegalArgumentException when {@code reals} does not have the layout's length
   */
  abstract void restoreState(S s, double[] reals);

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

  /** Continues exactly: the state is x, the subclass's buffers and the monitor's; the schedule is a function of t. */
  @Override
  final SolveSegment run(SolveRequest req, SolverState from, int pauseAt) {
    SolveMonitor run = new SolveMonitor(req, false, from);
    int n = run.n;
    double[] x = (from == null ? req.start() : from.x()).clone();
    double[] xPrev = new double[n];
    double[] g = new double[n];
    S state = newState(n);
    if (from != null) {
      restoreState(state, from.solverReals());
    }
    int maxIt = req.stopping().maxIterations();
    int last = Math.min(maxIt, pauseAt);
    try {
      if (from != null || !run.afterStep(0, x, null, null, Double.NaN)) {
        for (int t = from == null ? 1 : from.iterations() + 1; t <= last; t++) {
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
    if (run.ending == null && last < maxIt) {
      return run.pause(name(), x, Double.NaN, saveState(state), new int[0]);
    }
    return run.ended(x, Double.NaN);
  }

  /** The parts one after another, for {@link #saveState}. */
  static double[] join(double[]... parts) {
    int length = 0;
    for (double[] p : parts) {
      length += p.length;
    }
    double[] out = new double[length];
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /**
   * Copies {@code reals} into the parts, in order, for {@link #restoreState}; the scalars that follow the arrays
   * are left for the caller at index {@code reals.length − scalars}.
   *
   * @throws IllegalArgumentException unless {@code reals} holds exactly the parts and {@code scalars} more
   */
  static void split(String solver, double[] reals, int scalars, double[]... parts) {
    int length = scalars;
    for (double[] p : parts) {
      length += p.length;
    }
    if (reals.length != length) {
      throw new IllegalArgumentException("solver " + solver + ": a state of dimension " + (parts.length == 0 ? 0
          : parts[0].length) + " has " + length + " solver_reals, got " + reals.length);
    }
    int at = 0;
    for (double[] p : parts) {
      System.arraycopy(reals, at, p, 0, p.length);
      at += p.length;
    }
  }
}
