package org.optsweep.testplugin;

import java.util.List;
import org.optsweep.objective.Objective;
import org.optsweep.objective.ObjectiveProvider;
import org.optsweep.objective.SimpleProvider;

/**
 * The seed's "disconnected gradients" as a plugin objective: f(x) = x₀², which never reads x₁, with a
 * hand-written gradient (2x₀, 1) whose second component is wrong — what a user gets by slicing the
 * input before differentiating. Registered through ServiceLoader, as a user's jar would be.
 */
public final class Disconnected implements Objective {
  /** Registers {@code disconnected}. */
  public static final class Provider extends SimpleProvider {
    public Provider() {
      super("disconnected", "x0^2, ignoring x1, with a wrong gradient (test plugin)", List.of(), s -> new Disconnected());
    }
  }

  @Override
  public String name() {
    return "disconnected";
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public double value(double[] x) {
    return x[0] * x[0];
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] x, double[] grad) {
    grad[0] = 2 * x[0];
    grad[1] = 1;
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
