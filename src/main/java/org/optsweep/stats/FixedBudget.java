package org.optsweep.stats;

import java.util.Arrays;

/**
 * The fixed-budget view: what value (e.g. the gap f − f*, or the distance to the minimiser) the runs of a
 * setting have reached after B iterations, for B = 10, 100, 1000, …, summarised over runs by the median and
 * quartiles. The vertical cut through the convergence curves, where the runtime ECDF ({@link RuntimeEcdf}) is
 * the horizontal one.
 *
 * <p>References: N. Hansen, A. Auger, D. Brockhoff, D. Tušar, T. Tušar, "COCO: Performance assessment",
 * arXiv:1605.03560 (2016), §"Fixed-budget versus fixed-target"; C. Doerr et al., "IOHprofiler",
 * arXiv:1810.05281 (2018), fixed-budget analysis. Quantiles are {@link Quantiles#linear} (numpy's 'linear');
 * NaN — a run with no sample by B, or a diverged value — sorts last and counts as worst.
 *
 * <p>Traces are <em>sampled</em> (optsweep keeps log-spaced iterations, see DESIGN.md {@code traces/}), so
 * "the value at B" is the last sample at an iteration ≤ B: {@link #sampledValueAt}. When a trace records
 * best-so-far values that is exact at the samples. When it records the current iterate's value, the sampled
 * value is only an upper bound (for minimisation) of the best-so-far at B — the run may have been better
 * between samples, or before a later climb; {@link #bestSoFarAt}, the minimum over the samples ≤ B, is a
 * tighter upper bound, still not the true best-so-far.
 */
public final class FixedBudget {
  private FixedBudget() {}

  /**
   * Quartiles of the value reached, one entry per budget, in the values' unit.
   *
   * @param budgets       budgets in iterations, strictly ascending
   * @param lowerQuartile the 0.25 quantile over runs
   * @param median        the 0.5 quantile over runs
   * @param upperQuartile the 0.75 quantile over runs
   */
  public record Table(int[] budgets, double[] lowerQuartile, double[] median, double[] upperQuartile) {
    /** Refuses tables whose columns differ in length. */
    public Table {
      Check.notNull(budgets, "budgets");
      Check.notNull(lowerQuartile, "lowerQuartile");
      Check.notNull(median, "median");
      Check.notNull(upperQuartile, "upperQuartile");
      Check.sameLength(budgets.length, lowerQuartile.length, "lowerQuartile", "budgets");
      Check.sameLength(budgets.length, median.length, "median", "budgets");
      Check.sameLength(budgets.length, upperQuartile.length, "upperQuartile", "budgets");
    }

    @Override
    public String toString() {
      return "FixedBudget.Table[budgets=" + Arrays.toString(budgets) + ", lowerQuartile="
          + Arrays.toString(lowerQuartile) + ", median=" + Arrays.toString(median) + ", upperQuartile="
          + Arrays.toString(upperQuartile) + "]";
    }
  }

  /**
   * The decades 10, 100, 1000, … up to {@code maxBudget} (none if it is below 10).
   *
   * @param maxBudget the largest budget in iterations, ≥ 0
   */
  public static int[] decades(int maxBudget) {
    Check.arg(maxBudget >= 0, "maxBudget", maxBudget, "a budget ≥ 0 iterations");
    int count = 0;
    for (long b = 10; b <= maxBudget; b *= 10) {
      count++;
    }
    int[] out = new int[count];
    long b = 10;
    for (int i = 0; i < count; i++, b *= 10) {
      out[i] = (int) b;
    }
    return out;
  }

  /**
   * The last sampled value at an iteration ≤ {@code budget}; NaN when the first sample is later than the
   * budget. The sampled value, not the best so far (class doc).
   *
   * @param iterations the sampled iterations, ≥ 0 and strictly ascending
   * @param values     the value at each sampled iteration; same length
   * @param budget     B in iterations
   */
  public static double sampledValueAt(int[] iterations, double[] values, long budget) {
    checkTrace(iterations, values, -1);
    return lastAtOrBefore(iterations, values, budget);
  }

  /**
   * The best (smallest) value over the samples at iterations ≤ {@code budget}, NaN values ignored; NaN when no
   * sample by the budget is a number. An upper bound of the true best-so-far at B for a minimisation.
   *
   * @param iterations the sampled iterations, ≥ 0 and strictly ascending
   * @param values     the value at each sampled iteration; same length
   * @param budget     B in iterations
   */
  public static double bestSoFarAt(int[] iterations, double[] values, long budget) {
    checkTrace(iterations, values, -1);
    return bestAtOrBefore(iterations, values, budget);
  }

  /**
   * The fixed-budget table: for each budget, the value each run reached ({@link #sampledValueAt} or, with
   * {@code bestSoFar}, {@link #bestSoFarAt}) and its quartiles and median over runs ({@link Quantiles#linear},
   * NaN last). Allocates the table and one scratch array of one double per run.
   *
   * @param iterations per run, the sampled iterations (≥ 0, strictly ascending); at least one run
   * @param values     per run, the value at each sample; same shape as {@code iterations}
   * @param budgets    budgets in iterations, ≥ 0 and strictly ascending, e.g. {@link #decades}
   * @param bestSoFar  whether to take the best sample by B instead of the last
   */
  public static Table summarize(int[][] iterations, double[][] values, int[] budgets, boolean bestSoFar) {
    Check.notNull(iterations, "iterations");
    Check.notNull(values, "values");
    Check.notNull(budgets, "budgets");
    Check.arg(iterations.length >= 1, "iterations.length", 0, "at least one run");
    Check.sameLength(iterations.length, values.length, "values", "iterations");
    for (int r = 0; r < iterations.length; r++) {
      checkTrace(iterations[r], values[r], r);
    }
    RuntimeEcdf.checkBudgets(budgets);
    int runs = iterations.length;
    double[] scratch = new double[runs];
    double[] q1 = new double[budgets.length];
    double[] q2 = new double[budgets.length];
    double[] q3 = new double[budgets.length];
    for (int b = 0; b < budgets.length; b++) {
      for (int r = 0; r < runs; r++) {
        scratch[r] = bestSoFar ? bestAtOrBefore(iterations[r], values[r], budgets[b])
            : lastAtOrBefore(iterations[r], values[r], budgets[b]);
      }
      Arrays.sort(scratch);
      q1[b] = Quantiles.linear(scratch, runs, 0.25);
      q2[b] = Quantiles.linear(scratch, runs, 0.5);
      q3[b] = Quantiles.linear(scratch, runs, 0.75);
    }
    return new Table(budgets.clone(), q1, q2, q3);
  }

  /** Index of the last sample at an iteration ≤ budget, or −1. */
  private static int lastIndex(int[] iterations, long budget) {
    int lo = 0;
    int hi = iterations.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (iterations[mid] <= budget) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  private static double lastAtOrBefore(int[] iterations, double[] values, long budget) {
    int i = lastIndex(iterations, budget);
    return i < 0 ? Double.NaN : values[i];
  }

  private static double bestAtOrBefore(int[] iterations, double[] values, long budget) {
    int last = lastIndex(iterations, budget);
    double best = Double.NaN;
    for (int i = 0; i <= last; i++) {
      double v = values[i];
      if (!Double.isNaN(v) && (Double.isNaN(best) || v < best)) {
        best = v;
      }
    }
    return best;
  }

  /** Checks one trace; {@code run} ≥ 0 names it in messages as iterations[run], −1 for a lone trace. */
  private static void checkTrace(int[] iterations, double[] values, int run) {
    if (iterations == null || values == null || iterations.length != values.length) {
      String at = run < 0 ? "" : "[" + run + "]";
      Check.notNull(iterations, "iterations" + at);
      Check.notNull(values, "values" + at);
      Check.sameLength(iterations.length, values.length, "values" + at, "iterations" + at);
    }
    for (int i = 0; i < iterations.length; i++) {
      if (iterations[i] < 0 || (i > 0 && iterations[i] <= iterations[i - 1])) {
        String name = "iterations" + (run < 0 ? "" : "[" + run + "]") + "[" + i + "]";
        throw iterations[i] < 0 ? Check.bad(name, iterations[i], "an iteration ≥ 0")
            : Check.bad(name, iterations[i], "more than the previous sample's iteration " + iterations[i - 1]
                + " (strictly ascending)");
      }
    }
  }
}
