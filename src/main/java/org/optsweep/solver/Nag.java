package org.optsweep.solver;

import java.util.List;
import org.optsweep.gradient.Evaluator;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;

/**
 * Nesterov's accelerated gradient exactly as the seed question wrote it (Sutskever et al. 2013 form
 * of Nesterov 1983):
 * <pre>
 *   grad = ∇f(x − γ·u)         # gradient at the look-ahead point
 *   u    = γ·u + lr(t)·grad
 *   x    = x − u
 * </pre>
 * with u₀ = 0 and t = 1, 2, …; stopping on ‖x − x_prev‖ ≤ tol is {@link Stopping#stepTolerance()}.
 * The gradient norm the monitor sees is the look-ahead gradient's.
 */
public final class Nag extends FirstOrderSolver<Nag.State> {

  /** Registers {@code nag}. */
  public static final SolverProvider PROVIDER = SolverProvider.of("nag",
      "grad = grad f(x - gamma u); u = gamma u + lr(t) grad; x -= u (the seed's NAG)", List.of(Momentum.GAMMA), true,
      true, (s, schedule) -> new Nag(schedule, s.get(Momentum.GAMMA)));

  private final double gamma;

  /**
   * @param schedule the learning rate lr(t)
   * @param gamma    momentum coefficient γ in [0, 1), default 0.9
   */
  public Nag(Schedule schedule, double gamma) {
    super(schedule);
    this.gamma = gamma;
  }

  /** Per-solve buffers: the update u and the look-ahead point. */
  static final class State {
    final double[] u;
    final double[] lookAhead;

    State(int n) {
      u = new double[n];
      lookAhead = new double[n];
    }
  }

  @Override
  public String name() {
    return "nag";
  }

  @Override
  State newState(int n) {
    return new State(n);
  }

  /** solver_reals: u (n); the look-ahead point is recomputed by every step. */
  @Override
  double[] saveState(State s) {
    return s.u.clone();
  }

  @Override
  void restoreState(State s, double[] reals) {
    split(name(), reals, 0, s.u);
  }

  @Override
  void step(int t, double lr, double[] x, double[] g, State s, Evaluator eval) {
    double[] u = s.u;
    double[] y = s.lookAhead;
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i] - gamma * u[i];
    }
    eval.gradient(y, g);
    for (int i = 0; i < x.length; i++) {
      u[i] = gamma * u[i] + lr * g[i];
      x[i] = x[i] - u[i];
    }
  }

  @Override
  public String toString() {
    return "Nag{gamma=" + gamma + ", schedule=" + schedule + "}";
  }
}
