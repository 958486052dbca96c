package org.optsweep.search;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Point i of a Sobol sequence (Joe &amp; Kuo 2008 direction numbers, commons-math3), randomised by a
 * shift modulo 1 drawn from the job seed (Cranley &amp; Patterson 1976): still low-discrepancy, and
 * each job seed gives another unbiased sample. Point i is computed from i (Gray-code jump), so trials
 * are decoded by index like the rest of the search.
 */
public final class Sobol {
  private Sobol() {}

  /** Most dimensions the direction-number table of commons-math3 supports. */
  public static final int MAX_DIMENSION = 1000;
  /** Most points: commons-math3 indexes them with an int. */
  public static final long MAX_POINTS = Integer.MAX_VALUE;

  // The generator reads its direction numbers from a resource: build one per thread and dimension.
  private static final ThreadLocal<Map<Integer, SobolSequenceGenerator>> GENERATORS =
      ThreadLocal.withInitial(HashMap::new);

  /**
   * The shifted point for trial i: the sequence's point i, so that trials 0 … 2^m − 1 form a full net
   * (the unshifted point 0 is the corner 0; shifted, it is as good as any other).
   */
  public static double[] point(int dimension, long i, double[] shift) {
    SobolSequenceGenerator g = GENERATORS.get().computeIfAbsent(dimension, SobolSequenceGenerator::new);
    double[] u = g.skipTo((int) i);
    for (int k = 0; k < dimension; k++) {
      double v = u[k] + shift[k];
      u[k] = v >= 1 ? v - 1 : v;
    }
    return u;
  }
}
