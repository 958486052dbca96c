package org.optsweep.stats;

import java.util.Arrays;

/**
 * The one quantile definition of optsweep: numpy's default, {@code numpy.quantile(x, p, method='linear')},
 * which is Hyndman &amp; Fan's (1996) definition 7 ("Sample quantiles in statistical packages", The American
 * Statistician 50(4)) and R's default {@code type = 7}: with the n values sorted, the p-quantile sits at the
 * 0-based position h = (n − 1)·p and interpolates linearly between the values at ⌊h⌋ and ⌊h⌋ + 1.
 *
 * <p>The interpolation is numpy's {@code _lerp}: {@code a + (b − a)·t} for t &lt; 0.5 and
 * {@code b − (b − a)·(1 − t)} for t ≥ 0.5, so results agree with numpy to the last bit for finite data.
 *
 * <p>Where numpy differs, this class is deliberate: <b>NaN sorts last and counts as worst</b> (a diverged run
 * is the worst outcome, not a reason to lose the whole statistic as {@code numpy.quantile} does, which returns
 * NaN as soon as any value is NaN): a quantile that only needs values below the NaNs is a number, one that
 * touches a NaN is NaN. Infinite values interpolate to their limit: between a finite value and +∞ the result
 * is +∞ (numpy may give NaN there, from ∞ − ∞); at an exact rank (t = 0) the value at that rank is returned.
 */
public final class Quantiles {
  private Quantiles() {}

  /**
   * Sorts the first {@code length} values ascending in place, NaN last ({@link Arrays#sort(double[], int, int)}
   * order, in which −0.0 precedes 0.0). Allocates nothing.
   *
   * @return {@code values}, for chaining
   */
  public static double[] sortNanLast(double[] values, int length) {
    Check.notNull(values, "values");
    if (!(length >= 0 && length <= values.length)) {
      throw Check.bad("length", length, "0.." + values.length);
    }
    Arrays.sort(values, 0, length);
    return values;
  }

  /**
   * The p-quantile (numpy 'linear', see the class doc) of the sorted prefix {@code sorted[0..length)}.
   *
   * @param sorted ascending, NaN only at the end (as {@link #sortNanLast} leaves it); not modified
   * @param length how many leading values form the sample; 0 gives NaN (no data, undefined)
   * @param p      the probability, in [0, 1]
   * @return the quantile, in the values' unit
   */
  public static double linear(double[] sorted, int length, double p) {
    Check.notNull(sorted, "sorted");
    if (!(length >= 0 && length <= sorted.length)) {
      throw Check.bad("length", length, "0.." + sorted.length);
    }
    Check.arg(p >= 0 && p <= 1, "p", p, "a probability in [0, 1]");
    checkSorted(sorted, length);
    if (length == 0) {
      return Double.NaN;
    }
    double h = (length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo >= length - 1) {
      return sorted[length - 1];
    }
    double t = h - lo;
    double a = sorted[lo];
    return t == 0 ? a : lerp(a, sorted[lo + 1], t);
  }

  /** The median, {@code linear(sorted, length, 0.5)}: the mean of the two middle values for even length. */
  public static double median(double[] sorted, int length) {
    return linear(sorted, length, 0.5);
  }

  /** numpy's {@code _lerp}, with NaN as worst and infinities taken as limits (class doc). */
  static double lerp(double a, double b, double t) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.NaN;
    }
    if (a == b) {
      return a;
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      // −∞ and +∞ have no weighted mean; otherwise the infinite end dominates any weight t in (0, 1)
      return Double.isInfinite(a) && Double.isInfinite(b) ? Double.NaN : Double.isInfinite(a) ? a : b;
    }
    double diff = b - a;
    return t < 0.5 ? a + diff * t : b - diff * (1 - t);
  }

  private static void checkSorted(double[] x, int length) {
    boolean nanSeen = false;
    for (int i = 0; i < length; i++) {
      if (Double.isNaN(x[i])) {
        nanSeen = true;
      } else {
        if (nanSeen) {
          throw Check.bad("sorted[" + i + "]", x[i], "NaN: NaN values sort last");
        }
        if (i > 0 && x[i] < x[i - 1]) {
          throw Check.bad("sorted[" + i + "]", x[i],
              "at least sorted[" + (i - 1) + "] = " + x[i - 1] + " (ascending order)");
        }
      }
    }
  }
}
