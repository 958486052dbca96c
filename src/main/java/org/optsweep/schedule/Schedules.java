package org.optsweep.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;

/**
 * The learning-rate schedules, by name, with their parameters. Every schedule takes the optional
 * {@code warmup} (iterations of linear warm-up in front of it).
 */
public final class Schedules {
  private Schedules() {}

  /** A schedule kind: its name, a one-line formula and its parameters. */
  public record Kind(String name, String formula, List<Param> params) {}

  static final Param LR0 = Param.positive("lr0", 0.01, "initial learning rate (step size per unit gradient)");
  static final Param WARMUP = Param.integer("warmup", 0, 0, Integer.MAX_VALUE,
      "iterations of linear warm-up: rate(t) = t/warmup * base(t) for t <= warmup (Goyal et al. 2017)");

  private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

  static {
    add("constant", "lr0", List.of(LR0));
    add("piecewise", "values[j] where j = number of boundaries <= t (the seed's lr_: t<5 -> 1e-4, t<10 -> 1e-2, else 0.1)",
        List.of(Param.reals("boundaries", new double[] {5, 10}, 1, Integer.MAX_VALUE,
                "increasing iterations t at which the next value starts"),
            Param.reals("values", new double[] {1e-4, 1e-2, 0.1}, 0, Double.MAX_VALUE,
                "rates, one more than boundaries")));
    add("step", "lr0 * factor^floor((t-1)/step_size) (PyTorch StepLR)",
        List.of(LR0, Param.integer("step_size", 1000, 1, Integer.MAX_VALUE, "iterations between decays"),
            Param.real("factor", 0.1, 0, 1, "multiplier applied every step_size iterations (PyTorch gamma)")));
    add("exponential", "lr0 * decay^(t-1) (PyTorch ExponentialLR)",
        List.of(LR0, Param.real("decay", 0.999, 0, 1, "multiplier per iteration")));
    add("inverse_time", "lr0 / (1 + decay_rate * (t-1)) (Keras InverseTimeDecay with decay_steps 1)",
        List.of(LR0, Param.nonNegative("decay_rate", 1e-3, "inverse-time decay per iteration")));
    add("cosine", "lr_min + (lr0 - lr_min)(1 + cos(pi (t-1)/period))/2, lr_min after period (Loshchilov & Hutter 2017, no restarts)",
        List.of(LR0, Param.integer("period", 1000, 1, Integer.MAX_VALUE, "iterations to anneal over (PyTorch T_max)"),
            Param.nonNegative("lr_min", 0, "final learning rate (PyTorch eta_min)")));
  }

  private static void add(String name, String formula, List<Param> own) {
    List<Param> ps = new ArrayList<>(own);
    ps.add(WARMUP);
    KINDS.put(name, new Kind(name, formula, List.copyOf(ps)));
  }

  /** Every schedule kind, in a stable order. */
  public static Map<String, Kind> kinds() {
    return java.util.Collections.unmodifiableMap(KINDS);
  }

  /** The kind called {@code name}, or an error naming the known ones. */
  public static Kind kind(String name) {
    Kind k = KINDS.get(name);
    if (k == null) {
      throw new IllegalArgumentException("unknown schedule '" + name + "'" + Settings.didYouMean(name, KINDS.keySet())
          + " (known: " + String.join(", ", KINDS.keySet()) + ")");
    }
    return k;
  }

  /** Validates raw parameters for schedule {@code name} and builds it. */
  public static Schedule create(String name, Map<String, ?> raw) {
    Kind k = kind(name);
    return create(name, Settings.of("schedule " + name, k.params(), raw));
  }

  /** Builds schedule {@code name} from validated settings. */
  public static Schedule create(String name, Settings s) {
    Schedule base = switch (name) {
      case "constant" -> new Constant(s.getDouble("lr0"));
      case "piecewise" -> piecewise(s);
      case "step" -> new StepDecay(s.getDouble("lr0"), s.getInt("step_size"), s.getDouble("factor"));
      case "exponential" -> new Exponential(s.getDouble("lr0"), s.getDouble("decay"));
      case "inverse_time" -> new InverseTime(s.getDouble("lr0"), s.getDouble("decay_rate"));
      case "cosine" -> new Cosine(s.getDouble("lr0"), s.getInt("period"), s.getDouble("lr_min"));
      default -> throw new IllegalArgumentException("unknown schedule '" + name + "'");
    };
    int warmup = s.getInt("warmup");
    return warmup > 0 ? new Warmup(base, warmup) : base;
  }

  private static Schedule piecewise(Settings s) {
    double[] b = s.getDoubles("boundaries");
    double[] v = s.getDoubles("values");
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
