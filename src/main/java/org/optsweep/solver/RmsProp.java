package org.optsweep.solver;

import java.util.List;
import org.optsweep.gradient.Evaluator;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;

/**
 * RMSProp (Tieleman &amp; Hinton 2012, lecture 6.5) as PyTorch's {@code torch.optim.RMSprop}:
 * v = α·v + (1−α)·g²; if centred, ḡ = α·ḡ + (1−α)·g and ṽ = v − ḡ², else ṽ = v;
 * with momentum μ &gt; 0: b = μ·b + g/(√ṽ + ε), x −= lr(t)·b; otherwise x −= lr(t)·g/(√ṽ + ε).
 */
public final class RmsProp extends FirstOrderSolver<RmsProp.State> {

  /** Registers {@code rmsprop}. */
  public static final SolverProvider PROVIDER = SolverProvider.of("rmsprop",
      "RMSProp as torch.optim.RMSprop (Tieleman & Hinton 2012)",
      List.of(Params.ALPHA, Params.EPS, Params.MOMENTUM, Params.CENTERED), true, true,
      (s, schedule) -> new RmsProp(schedule, s.get(Params.ALPHA), s.get(Params.EPS), s.get(Params.MOMENTUM),
          s.get(Params.CENTERED)));

  /** The hyperparameters, with PyTorch's defaults. */
  public static final class Params {
    private Params() {}

    /** α in [0, 1), decay of the mean squared gradient; default 0.99. */
    public static final Param<Double> ALPHA = Param.unitInterval("alpha", 0.99, "decay of the mean squared gradient");
    /** ε &gt; 0 added to √v; default 1e-8. */
    public static final Param<Double> EPS = Param.positive("eps", 1e-8, "added to sqrt(v)");
    /** μ in [0, 1), momentum coefficient; default 0 (none). */
    public static final Param<Double> MOMENTUM = Param.unitInterval("momentum", 0, "momentum coefficient mu; 0 = none");
    /** Whether to divide by the gradient's estimated variance instead of its second moment; default false. */
    public static final Param<Boolean> CENTERED = Param.flag("centered", false,
        "divide by the gradient's estimated variance instead of its second moment");
  }

  private final double alpha;
  private final double eps;
  private final double momentum;
  private final boolean centered;

  /**
   * @param schedule the learning rate
   * @param alpha    smoothing constant in [0, 1), default 0.99
   * @param eps      stabiliser, default 1e-8
   * @param momentum μ in [0, 1), default 0
   * @param centered whether to centre the second moment, default false
   */
  public RmsProp(Schedule schedule, double alpha, double eps, double momentum, boolean centered) {
    super(schedule);
    this.alpha = alpha;
    this.eps = eps;
    this.momentum = momentum;
    this.centered = centered;
  }

  /** Square average, gradient average (centred) and momentum buffer. */
  static final class State {
    final double[] v;
    final double[] gAvg;
    final double[] buf;

    State(int n) {
      v = new double[n];
      gAvg = new double[n];
      buf = new double[n];
    }
  }

  @Override
  public String name() {
    return "rmsprop";
  }

  @Override
  State newState(int n) {
    return new State(n);
  }

  /** solver_reals: v (n), the gradient average ḡ (n, zeros unless centred), the momentum buffer b (n). */
  @Override
  double[] saveState(State s) {
    return join(s.v, s.gAvg, s.buf);
  }

  @Override
  void restoreState(State s, double[] reals) {
    split(name(), reals, 0, s.v, s.gAvg, s.buf);
  }

  @Override
  void step(int t, double lr, double[] x, double[] g, State s, Evaluator eval) {
    eval.gradient(x, g);
    for (int i = 0; i < x.length; i++) {
      s.v[i] = alpha * s.v[i] + (1 - alpha) * g[i] * g[i];
      double vTilde = s.v[i];
      if (centered) {
        s.gAvg[i] = alpha * s.gAvg[i] + (1 - alpha) * g[i];
        vTilde -= s.gAvg[i] * s.gAvg[i];
      }
      double scaled = g[i] / (Math.sqrt(vTilde) + eps);
      if (momentum > 0) {
        s.buf[i] = momentum * s.buf[i] + scaled;
        x[i] -= lr * s.buf[i];
      } else {
        x[i] -= lr * scaled;
      }
    }
  }

  @Override
  public String toString() {
    return "RmsProp{alpha=" + alpha + ", eps=" + eps + ", momentum=" + momentum + ", centered=" + centered
        + ", schedule=" + schedule + "}";
  }
}
