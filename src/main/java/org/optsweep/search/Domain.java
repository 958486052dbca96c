package org.optsweep.search;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The set of values one swept parameter can take, modelled on W&amp;B sweep configuration:
 * {@code value} (fixed), {@code values} (a grid axis; a uniform choice in random search), and
 * {@code distribution: uniform | log_uniform | int_uniform} with {@code min}/{@code max}.
 */
public sealed interface Domain permits Domain.Fixed, Domain.Values, Domain.Continuous {

  /** Number of grid points, or −1 for a continuous distribution (not allowed in grid search). */
  long gridSize();

  /** The k-th grid value. */
  Object gridValue(long k);

  /** A draw from the domain using one uniform from {@code rng}. */
  default Object draw(SplittableRandom rng) {
    return at(rng.nextDouble());
  }

  /** The value at quantile {@code u} in [0, 1): how random and Sobol points map into the domain. */
  Object at(double u);

  /** One line for {@code optsweep validate}. */
  String describe();

  /** A distribution: no grid points; allowed in random and Sobol search only. */
  sealed interface Continuous extends Domain permits Uniform, LogUniform, IntUniform {
    @Override
    default long gridSize() {
      return -1;
    }

    @Override
    default Object gridValue(long k) {
      throw new IllegalStateException("a distribution has no grid values: " + describe());
    }
  }

  /** A single fixed value. */
  record Fixed(Object value) implements Domain {
    public long gridSize() {
      return 1;
    }

    public Object gridValue(long k) {
      return value;
    }

    // draw() still consumes one uniform: adding a fixed parameter shifts no other stream.
    public Object at(double u) {
      return value;
    }

    public String describe() {
      return "fixed " + value;
    }
  }

  /** A list of values: a grid axis. */
  record Values(List<Object> values) implements Domain {
    public long gridSize() {
      return values.size();
    }

    public Object gridValue(long k) {
      return values.get((int) k);
    }

    public Object at(double u) {
      return values.get((int) Math.min(values.size() - 1, (long) (u * values.size())));
    }

    public String describe() {
      return values.size() + " values " + values;
    }
  }

  /** Uniform on [min, max]. */
  record Uniform(double min, double max) implements Continuous {
    public Object at(double u) {
      return min + (max - min) * u;
    }

    public String describe() {
      return "uniform [" + min + ", " + max + "]";
    }
  }

  /** Log-uniform on [min, max], min &gt; 0: uniform in log(x), for learning rates and penalties. */
  record LogUniform(double min, double max) implements Continuous {
    public Object at(double u) {
      double lo = Math.log(min);
      double hi = Math.log(max);
      return Math.min(max, Math.max(min, Math.exp(lo + (hi - lo) * u)));
    }

    public String describe() {
      return "log-uniform [" + min + ", " + max + "]";
    }
  }

  /** Integers min..max inclusive, each equally likely. */
  record IntUniform(long min, long max) implements Continuous {
    public Object at(double u) {
      double span = (double) max - (double) min + 1;
      return Math.min(max, min + (long) Math.floor(u * span));
    }

    public String describe() {
      return "integers " + min + ".." + max;
    }
  }
}
