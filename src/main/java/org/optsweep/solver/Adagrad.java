package org.optsweep.solver;

import java.util.List;
import org.optsweep.gradient.Evaluator;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;

/**
 * Adagrad (Duchi, Hazan &amp; Singer 2011) as PyTorch's {@code torch.optim.Adagrad}:
 * γ̃ = lr(t)/(1 + (t−1)·lr_decay); s += g²; x −= γ̃·g/(√s + ε), s₀ = initial_accumulator_value.
 */
public final class Adagrad extends FirstOrderSolver<double[]> {

  /** Registers {@code adagrad}. */
  public static final SolverProvider PROVIDER = SolverProvider.of("adagrad",
      "Adagrad as torch.optim.Adagrad (Duchi et al. 2011)", List.of(Params.LR_DECAY, Params.EPS,
          Params.INITIAL_ACCUMULATOR), true, true,
      (s, schedule) -> new Adagrad(schedule, s.get(Params.LR_DECAY), s.get(Params.EPS),
          s.get(Params.INITIAL_ACCUMULATOR)));

  /** The hyperparameters, with PyTorch's defaults. */
  public static final class Params {
    private Params() {}

    /** PyTorch's lr_decay: the rate is divided by 1 + (t−1)·lr_decay; default 0. */
    public static final Param<Double> LR_DECAY = Param.nonNegative("lr_decay", 0,
        "PyTorch's lr_decay: rate divided by 1 + (t-1) lr_decay");
    /** ε &gt; 0 added to √(Σg²); default 1e-10. */
    public static final Param<Double> EPS = Param.positive("eps", 1e-10, "added to sqrt(sum of squared gradients)");
    /** The initial sum of squared gradients; default 0 (PyTorch initial_accumulator_value). */
    public static final Param<Double> INITIAL_ACCUMULATOR = Param.nonNegative("initial_accumulator", 0,
        "initial sum of squared gradients");
  }

  private final double lrDecay;
  private final double eps;
  private final double initialAccumulator;

  /**
   * @param schedule           the learning rate
   * @param lrDecay            PyTorch's lr_decay ≥ 0, default 0
   * @param eps                stabiliser, default 1e-10
   * @param initialAccumulator s₀ ≥ 0, default 0
   */
  public Adagrad(Schedule schedule, double lrDecay, double eps, double initialAccumulator) {
    super(schedule);
    this.lrDecay = lrDecay;
    this.eps = eps;
    this.initialAccumulator = initialAccumulator;
  }

  @Override
  public String name() {
    return "adagrad";
  }

  @Override
  double[] newState(int n) {
    double[] sum = new double[n];
    java.util.Arrays.fill(sum, initialAccumulator);
    return sum;
  }

  /** solver_reals: the accumulated squared gradients s (n); lr_decay's factor is a function of t. */
  @Override
  double[] saveState(double[] sum) {
    return sum.clone();
  }

  @Override
  void restoreState(double[] sum, double[] reals) {
    split(name(), reals, 0, sum);
  }

  @Override
  void step(int t, double lr, double[] x, double[] g, double[] sum, Evaluator eval) {
    eval.gradient(x, g);
    double clr = lr / (1 + (t - 1) * lrDecay);
    for (int i = 0; i < x.length; i++) {
      sum[i] += g[i] * g[i];
      x[i] -= clr * g[i] / (Math.sqrt(sum[i]) + eps);
    }
  }

  @Override
  public String toString() {
    return "Adagrad{lr_decay=" + lrDecay + ", eps=" + eps + ", initial_accumulator=" + initialAccumulator
        + ", schedule=" + schedule + "}";
  }
}
