package org.optsweep.testplugin;

import java.util.List;
import org.optsweep.objective.Objective;
import org.optsweep.objective.SimpleProvider;
import org.optsweep.param.Param;

/**
 * A coin as an objective, for the winner's curse: f(x) = 0 with probability p and 1 otherwise,
 * decided by the bits of x — so, solved with no iterations from a replicate's jittered start, success
 * (value gap ≤ 0.5) is a Bernoulli(p) draw from the replicate's stream, the same for every setting.
 */
public final class Coin implements Objective {
  static final Param<Double> P = Param.real("p", 0.5, 0, 1, "probability that f = 0 at a random point");

  /** Registers {@code coin}. */
  public static final class Provider extends SimpleProvider {
    public Provider() {
      super("coin", "0 with probability p, else 1, by the bits of x (test plugin)", List.of(P),
          s -> new Coin(s.get(P)));
    }
  }

  private final double p;

  Coin(double p) {
    this.p = p;
  }

  @Override
  public String name() {
    return "coin";
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public double value(double[] x) {
    // SplitMix64's finaliser of the coordinates' bits: a uniform in [0, 1) for a random x.
    long z = Double.doubleToLongBits(x[0]) * 31 + Double.doubleToLongBits(x[1]);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return (z >>> 11) * 0x1.0p-53 < p ? 0 : 1;
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] x, double[] grad) {
    java.util.Arrays.fill(grad, 0);
  }

  @Override
  public double[] minimiser() {
    return null;
  }

  @Override
  public double minimum() {
    return 0;
  }
}
