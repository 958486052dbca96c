package org.optsweep.solver;

import java.util.List;
import org.optsweep.gradient.Evaluator;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;

/**
 * Heavy-ball momentum (Polyak 1964) in the seed's notation: u ← γ·u + lr(t)·∇f(x); x ← x − u; u₀ = 0.
 * With a constant rate this equals PyTorch's SGD(momentum=γ, dampening=0) with its buffer scaled by lr.
 */
public final class Momentum extends FirstOrderSolver<double[]> {
  /** γ's parameter: momentum coefficient in [0, 1), default 0.9. */
  public static final Param<Double> GAMMA = Param.unitInterval("gamma", 0.9,
      "momentum coefficient (fraction of the last step kept)");

  /** Registers {@code momentum}. */
  public static final SolverProvider PROVIDER = SolverProvider.of("momentum",
      "u = gamma u + lr(t) grad f(x); x -= u (Polyak heavy ball)", List.of(GAMMA), true, true,
      (s, schedule) -> new Momentum(schedule, s.get(GAMMA)));

  private final double gamma;

  /**
   * @param schedule the learning rate
   * @param gamma    momentum coefficient γ in [0, 1)
   */
  public Momentum(Schedule schedule, double gamma) {
    super(schedule);
    this.gamma = gamma;
  }

  @Override
  public String name() {
    return "momentum";
  }

  @Override
  double[] newState(int n) {
    return new double[n];
  }

  /** solver_reals: u (n). */
  @Override
  double[] saveState(double[] u) {
    return u.clone();
  }

  @Override
  void restoreState(double[] u, double[] reals) {
    split(name(), reals, 0, u);
  }

  @Override
  void step(int t, double lr, double[] x, double[] g, double[] u, Evaluator eval) {
    eval.gradient(x, g);
    for (int i = 0; i < x.length; i++) {
      u[i] = gamma * u[i] + lr * g[i];
      x[i] -= u[i];
    }
  }

  @Override
  public String toString() {
    return "Momentum{gamma=" + gamma + ", schedule=" + schedule + "}";
  }
}
