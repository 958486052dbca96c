package org.optsweep.testplugin;

import java.util.List;
import org.optsweep.objective.Objective;
import org.optsweep.objective.ObjectiveProvider;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;

/**
 * Misbehaving user objectives for the reliability tests: {@code throwing} throws once x[0] drops
 * below a threshold, {@code hanging} never returns (it sleeps forever and ignores interrupts), and
 * {@code crashing} throws an Error that no solver catches, so the Spark task fails.
 */
public final class Faulty implements Objective {
  private final String kind;
  private final double threshold;

  Faulty(String kind, double threshold) {
    this.kind = kind;
    this.threshold = threshold;
  }

  @Override
  public String name() {
    return kind;
  }

  @Override
  public int dimension() {
    return 2;
  }

  @Override
  public double value(double[] x) {
    switch (kind) {
      case "throwing":
        if (x[0] < threshold) {
          throw new IllegalStateException("simulated failure at x0 = " + x[0]);
        }
        break;
      case "hanging":
        while (true) {
          try {
            Thread.sleep(1000);
          } catch (InterruptedException e) {
            // A badly written objective: ignores the interrupt and never returns.
          }
        }
      case "crashing":
        throw new Error("simulated crash of a user objective");
      default:
        break;
    }
    return x[0] * x[0] + x[1] * x[1];
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  @Override
  public void gradient(double[] x, double[] g) {
    value(x);
    g[0] = 2 * x[0];
    g[1] = 2 * x[1];
  }

  @Override
  public double[] minimiser() {
    return new double[2];
  }

  @Override
  public double minimum() {
    return 0;
  }

  abstract static class Base implements ObjectiveProvider {
    @Override
    public String description() {
      return "test objective that misbehaves: " + name();
    }

    static final Param<Double> THRESHOLD = Param.real("threshold", 0.5, -1e9, 1e9, "x0 below which throwing throws");

    @Override
    public List<Param<?>> params() {
      return List.of(THRESHOLD);
    }

    @Override
    public Objective create(Settings s) {
      return new Faulty(name(), s.get(THRESHOLD));
    }
  }

  /** Registers {@code throwing}. */
  public static final class Throwing extends Base {
    @Override
    public String name() {
      return "throwing";
    }
  }

  /** Registers {@code hanging}. */
  public static final class Hanging extends Base {
    @Override
    public String name() {
      return "hanging";
    }
  }

  /** Registers {@code crashing}. */
  public static final class Crashing extends Base {
    @Override
    public String name() {
      return "crashing";
    }
  }
}
