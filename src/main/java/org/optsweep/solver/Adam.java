package org.optsweep.solver;

import java.util.List;
import org.optsweep.gradient.Evaluator;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction as in PyTorch's {@code torch.optim.Adam}
 * (amsgrad=False, weight_decay=0):
 * m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; x −= lr(t)·m̂ / (√v̂ + ε), with m̂ = m/(1−β1^t),
 * v̂ = v/(1−β2^t). PyTorch's default learning rate is 1e-3 (set it with the schedule's lr0).
 */
public final class Adam extends FirstOrderSolver<Adam.State> {

  /** Registers {@code adam}. */
  /** β1 in [0, 1), decay of the first-moment (mean) estimate; default 0.9 (PyTorch, Kingma &amp; Ba 2015). */
  public static final Param<Double> BETA1 = Param.unitInterval("beta1", 0.9, "decay of the first-moment (mean) estimate");
  /** β2 in [0, 1), decay of the second-moment estimate; default 0.999. */
  public static final Param<Double> BETA2 = Param.unitInterval("beta2", 0.999,
      "decay of the second-moment (uncentred variance) estimate");
  /** ε &gt; 0 added to √v̂; default 1e-8. */
  public static final Param<Double> EPS = Param.positive("eps", 1e-8, "added to sqrt(v-hat) for numerical stability");

  /** Registers {@code adam}. */
  public static final SolverProvider PROVIDER = SolverProvider.of("adam",
      "Adam with PyTorch's bias correction (Kingma & Ba 2015)", List.of(BETA1, BETA2, EPS), true, true,
      (s, schedule) -> new Adam(schedule, s.get(BETA1), s.get(BETA2), s.get(EPS)));

  private final double beta1;
  private final double beta2;
  private final double eps;

  /**
   * @param schedule the learning rate
   * @param beta1    first-moment decay in [0, 1), default 0.9
   * @param beta2    second-moment decay in [0, 1), default 0.999
   * @param eps      stabiliser &gt; 0, default 1e-8
   */
  public Adam(Schedule schedule, double beta1, double beta2, double eps) {
    super(schedule);
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
  }

  /** Moment estimates and the running powers β^t (kept as products: no pow per iteration). */
  static final class State {
    final double[] m;
    final double[] v;
    double beta1Pow = 1;
    double beta2Pow = 1;

    State(int n) {
      m = new double[n];
      v = new double[n];
    }
  }

  @Override
  public String name() {
    return "adam";
  }

  @Override
  State newState(int n) {
    return new State(n);
  }

  /**
   * solver_reals: m (n), v (n), β1^k, β2^k — the running powers as multiplied so far, not recomputed by pow,
   * so that the bias correction continues bit for bit.
   */
  @Override
  double[] saveState(State s) {
    return join(s.m, s.v, new double[] {s.beta1Pow, s.beta2Pow});
  }

  @Override
  void restoreState(State s, double[] reals) {
    split(name(), reals, 2, s.m, s.v);
    s.beta1Pow = reals[reals.length - 2];
    s.beta2Pow = reals[reals.length - 1];
  }

  @Override
  void step(int t, double lr, double[] x, double[] g, State s, Evaluator eval) {
    eval.gradient(x, g);
    s.beta1Pow *= beta1;
    s.beta2Pow *= beta2;
    double biasCorrection1 = 1 - s.beta1Pow;
    double sqrtBiasCorrection2 = Math.sqrt(1 - s.beta2Pow);
    // PyTorch's arrangement: denom = sqrt(v)/sqrt(bc2) + eps; x -= (lr/bc1) * m/denom.
    double stepSize = lr / biasCorrection1;
    double[] m = s.m;
    double[] v = s.v;
    for (int i = 0; i < x.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      x[i] -= stepSize * (m[i] / (Math.sqrt(v[i]) / sqrtBiasCorrection2 + eps));
    }
  }

  @Override
  public String toString() {
    return "Adam{beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + eps + ", schedule=" + schedule + "}";
  }
}
