package org.optsweep.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;
import org.optsweep.param.Registry;
import org.optsweep.param.Settings;

/**
 * The learning-rate schedules, by name, with their parameters. Every built-in schedule takes the
 * optional {@code warmup} (iterations of linear warm-up in front of it).
 */
public final class Schedules {
  private Schedules() {}

  /** lr0, the initial learning rate (step size per unit gradient); default 0.01. */
  public static final Param<Double> LR0 = Param.positive("lr0", 0.01,
      "initial learning rate (step size per unit gradient)");
  /** Iterations of linear warm-up in front of any schedule; default 0 (Goyal et al. 2017). */
  public static final Param<Integer> WARMUP = Param.integer("warmup", 0, 0, Integer.MAX_VALUE,
      "iterations of linear warm-up: rate(t) = t/warmup * base(t) for t <= warmup (Goyal et al. 2017)");
  /** Piecewise: increasing iterations at which the next value starts; default [5, 10] (the seed's lr_). */
  public static final Param<double[]> BOUNDARIES = Param.reals("boundaries", new double[] {5, 10}, 1,
      Integer.MAX_VALUE, "increasing iterations t at which the next value starts");
  /** Piecewise: the rates, one more than boundaries; default [1e-4, 1e-2, 0.1] (the seed's lr_). */
  public static final Param<double[]> VALUES = Param.reals("values", new double[] {1e-4, 1e-2, 0.1}, 0,
      Double.MAX_VALUE, "rates, one more than boundaries");
  /** Step decay: iterations between decays; default 1000 (PyTorch StepLR step_size). */
  public static final Param<Integer> STEP_SIZE = Param.integer("step_size", 1000, 1, Integer.MAX_VALUE,
      "iterations between decays");
  /** Step decay: multiplier every step_size iterations; default 0.1 (PyTorch StepLR gamma). */
  public static final Param<Double> FACTOR = Param.real("factor", 0.1, 0, 1,
      "multiplier applied every step_size iterations (PyTorch gamma)");
  /** Exponential: multiplier per iteration; default 0.999 (PyTorch ExponentialLR gamma). */
  public static final Param<Double> DECAY = Param.real("decay", 0.999, 0, 1, "multiplier per iteration");
  /** Inverse time: decay per iteration; default 1e-3 (Keras InverseTimeDecay, decay_steps 1). */
  public static final Param<Double> DECAY_RATE = Param.nonNegative("decay_rate", 1e-3,
      "inverse-time decay per iteration");
  /** Cosine: iterations to anneal over; default 1000 (PyTorch CosineAnnealingLR T_max). */
  public static final Param<Integer> PERIOD = Param.integer("period", 1000, 1, Integer.MAX_VALUE,
      "iterations to anneal over (PyTorch T_max)");
  /** Cosine: the final learning rate; default 0 (PyTorch eta_min). */
  public static final Param<Double> LR_MIN = Param.nonNegative("lr_min", 0, "final learning rate (PyTorch eta_min)");

  /** A built-in kind: its own parameters plus {@link #WARMUP}, and a factory for the base schedule. */
  private record Kind(String name, String description, List<Param<?>> params,
                      Function<Settings, Schedule> base) implements ScheduleProvider {
    @Override
    public Schedule create(Settings s) {
      Schedule b = base.apply(s);
      int warmup = s.get(WARMUP);
      return warmup > 0 ? new Warmup(b, warmup) : b;
    }
  }

  private static Kind kind(String name, String description, List<Param<?>> own, Function<Settings, Schedule> base) {
    List<Param<?>> ps = new ArrayList<>(own);
    ps.add(WARMUP);
    return new Kind(name, description, List.copyOf(ps), base);
  }

  private static final Registry<ScheduleProvider> REGISTRY = new Registry<>("schedule", ScheduleProvider.class,
      List.of(
          kind("constant", "lr0", List.of(LR0), s -> new Constant(s.get(LR0))),
          kind("piecewise", "values[j] where j = number of boundaries <= t (the seed's lr_: t<5 -> 1e-4, "
              + "t<10 -> 1e-2, else 0.1)", List.of(BOUNDARIES, VALUES), Schedules::piecewise),
          kind("step", "lr0 * factor^floor((t-1)/step_size) (PyTorch StepLR)", List.of(LR0, STEP_SIZE, FACTOR),
              s -> new StepDecay(s.get(LR0), s.get(STEP_SIZE), s.get(FACTOR))),
          kind("exponential", "lr0 * decay^(t-1) (PyTorch ExponentialLR)", List.of(LR0, DECAY),
              s -> new Exponential(s.get(LR0), s.get(DECAY))),
          kind("inverse_time", "lr0 / (1 + decay_rate * (t-1)) (Keras InverseTimeDecay with decay_steps 1)",
              List.of(LR0, DECAY_RATE), s -> new InverseTime(s.get(LR0), s.get(DECAY_RATE))),
          kind("cosine", "lr_min + (lr0 - lr_min)(1 + cos(pi (t-1)/period))/2, lr_min after period "
              + "(Loshchilov & Hutter 2017, no restarts)", List.of(LR0, PERIOD, LR_MIN),
              s -> new Cosine(s.get(LR0), s.get(PERIOD), s.get(LR_MIN)))));

  /** Every schedule kind by name, built-ins first. */
  public static Map<String, ScheduleProvider> all() {
    return REGISTRY.all();
  }

  /** Names of every schedule kind. */
  public static List<String> names() {
    return REGISTRY.names();
  }

  /** The kind called {@code name}, or an {@link org.optsweep.InputException} naming the known ones. */
  public static ScheduleProvider find(String name) {
    return REGISTRY.find(name);
  }

  /** Validates raw parameters for schedule {@code name} and builds it. */
  public static Schedule create(String name, Map<String, ?> raw) {
    return find(name).create(REGISTRY.settings(name, raw));
  }

  private static Schedule piecewise(Settings s) {
    double[] b = s.get(BOUNDARIES);
    double[] v = s.get(VALUES);
    String owner = s.owner();
    if (v.length != b.length + 1) {
      throw new InvalidParameterException(owner, "values", java.util.Arrays.toString(v),
          "one more value than boundaries (" + (b.length + 1) + ")");
    }
    int[] bounds = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      if (b[i] != Math.rint(b[i]) || (i > 0 && b[i] <= b[i - 1])) {
        throw new InvalidParameterException(owner, "boundaries", java.util.Arrays.toString(b),
            "strictly increasing whole iteration numbers");
      }
      bounds[i] = (int) b[i];
    }
    return new Piecewise(bounds, v);
  }

  /** lr0 at every iteration. */
  public record Constant(double lr0) implements Schedule {
    @Override
    public double rate(int t) {
      return lr0;
    }
  }

  /** values[j] for boundaries[j−1] ≤ t &lt; boundaries[j]: the seed's {@code lr_}. */
  public record Piecewise(int[] boundaries, double[] values) implements Schedule {
    @Override
    public double rate(int t) {
      int j = 0;
      while (j < boundaries.length && t >= boundaries[j]) {
        j++;
      }
      return values[j];
    }
  }

  /** lr0·factor^⌊(t−1)/stepSize⌋. */
  public record StepDecay(double lr0, int stepSize, double factor) implements Schedule {
    @Override
    public double rate(int t) {
      return lr0 * Math.pow(factor, (t - 1) / stepSize);
    }
  }

  /** lr0·decay^(t−1). */
  public record Exponential(double lr0, double decay) implements Schedule {
    @Override
    public double rate(int t) {
      return lr0 * Math.pow(decay, t - 1);
    }
  }

  /** lr0 / (1 + decayRate·(t−1)). */
  public record InverseTime(double lr0, double decayRate) implements Schedule {
    @Override
    public double rate(int t) {
      return lr0 / (1 + decayRate * (t - 1));
    }
  }

  /** Cosine annealing from lr0 to lrMin over {@code period} iterations, then lrMin. */
  public record Cosine(double lr0, int period, double lrMin) implements Schedule {
    @Override
    public double rate(int t) {
      int k = Math.min(t - 1, period);
      return lrMin + (lr0 - lrMin) * (1 + Math.cos(Math.PI * k / period)) / 2;
    }
  }

  /** Linear warm-up: (t / warmup)·base(t) while t ≤ warmup, then base(t). */
  public record Warmup(Schedule base, int warmup) implements Schedule {
    @Override
    public double rate(int t) {
      double r = base.rate(t);
      return t <= warmup ? r * t / warmup : r;
    }
  }
}
