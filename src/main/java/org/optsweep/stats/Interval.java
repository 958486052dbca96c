package org.optsweep.stats;

/**
 * A point estimate with a two-sided interval, in the estimate's own unit (a proportion in [0, 1], a
 * number of evaluations, …).
 *
 * <p>Either all three values are NaN — the <em>undefined</em> interval, e.g. a success rate of 0 of 0
 * runs — or {@code lower ≤ estimate ≤ upper}; infinite values are allowed (an average running time with no
 * success is +∞, and so are the bounds).
 *
 * @param estimate the point estimate
 * @param lower    the lower bound
 * @param upper    the upper bound
 */
public record Interval(double estimate, double lower, double upper) {

  /** The undefined interval: NaN estimate and bounds. */
  public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN, Double.NaN);

  /** Refuses bounds that do not enclose the estimate, or a mix of NaN and numbers. */
  public Interval {
    boolean allNan = Double.isNaN(estimate) && Double.isNaN(lower) && Double.isNaN(upper);
    if (!allNan) {
      Check.arg(!Double.isNaN(estimate), "estimate", estimate, "a number (NaN only with NaN bounds)");
      if (!(lower <= estimate)) { // NaN bounds fail too
        throw Check.bad("lower", lower, "at most the estimate " + estimate);
      }
      if (!(upper >= estimate)) {
        throw Check.bad("upper", upper, "at least the estimate " + estimate);
      }
    }
  }

  /** Whether the interval is defined (not all NaN). */
  public boolean isDefined() {
    return !Double.isNaN(estimate);
  }

  /** Whether {@code lower ≤ x ≤ upper}; false for the undefined interval. */
  public boolean contains(double x) {
    return lower <= x && x <= upper;
  }
}
