package org.optsweep.solver;

import java.util.List;
import org.optsweep.gradient.Evaluator;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;

/** Plain gradient descent: x ← x − lr(t)·∇f(x). No hyperparameters but the schedule. */
public final class GradientDescent extends FirstOrderSolver<Void> {

  /** Registers {@code gd}. */
  public static final SolverProvider PROVIDER = new Provider("gd", "x -= lr(t) grad f(x)", List.of()) {
    @Override
    public Solver create(Settings s, Schedule schedule) {
      return new GradientDescent(schedule);
    }
  };

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

  /** The provider boilerplate shared by the first-order solvers. */
  abstract static class Provider implements SolverProvider {
    private final String name;
    private final String description;
    private final List<Param> params;

    Provider(String name, String description, List<Param> params) {
      this.name = name;
      this.description = description;
      this.params = params;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public List<Param> params() {
      return params;
    }

    @Override
    public boolean usesSchedule() {
      return true;
    }

    @Override
    public boolean usesGradient() {
      return true;
    }
  }
}
