package org.optsweep.solver;

import java.util.List;
import org.optsweep.gradient.Evaluator;
import org.optsweep.schedule.Schedule;

/** Plain gradient descent: x ← x − lr(t)·∇f(x). No hyperparameters but the schedule. */
public final class GradientDescent extends FirstOrderSolver<Void> {

  /** Registers {@code gd}. */
  public static final SolverProvider PROVIDER = SolverProvider.of("gd", "x -= lr(t) grad f(x)", List.of(), true, true,
      (s, schedule) -> new GradientDescent(schedule));

  /** @param schedule the learning rate */
  public GradientDescent(Schedule schedule) {
    super(schedule);
  }

  @Override
  public String name() {
    return "gd";
  }

  @Override
  Void newState(int n) {
    return null;
  }

  /** No state of its own: its solver_reals are empty. */
  @Override
  double[] saveState(Void s) {
    return new double[0];
  }

  @Override
  void restoreState(Void s, double[] reals) {
    split(name(), reals, 0);
  }

  @Override
  void step(int t, double lr, double[] x, double[] g, Void s, Evaluator eval) {
    eval.gradient(x, g);
    for (int i = 0; i < x.length; i++) {
      x[i] -= lr * g[i];
    }
  }

  @Override
  public String toString() {
    return "GradientDescent{schedule=" + schedule + "}";
  }
}
