package org.optsweep.stats;

import java.util.Arrays;

/**
 * The empirical cumulative distribution of runtimes (runtime ECDF, "data profile"): for each budget b, the
 * fraction of (run, target) pairs whose target was first hit within b iterations. A setting's curve rises
 * with the budget; its height at the largest budget is the fraction of targets ever reached.
 *
 * <p>References: N. Hansen, A. Auger, D. Brockhoff, D. Tušar, T. Tušar, "COCO: Performance assessment",
 * arXiv:1605.03560 (2016), §"Empirical cumulative distribution functions" (runtime ECDFs aggregated over
 * targets, on a log-scaled budget axis); C. Doerr, H. Wang, F. Ye, S. van Rijn, T. Bäck, "IOHprofiler: a
 * benchmarking and profiling tool for iterative optimization heuristics", arXiv:1810.05281 (2018), the
 * "ECDF of running times" over (run, target) pairs; J. J. Moré &amp; S. M. Wild, "Benchmarking
 * derivative-free optimization algorithms", SIAM J. Optim. 20(1), 2009 (data profiles). Unlike COCO's
 * bbob plots this ECDF has no simulated restarts: each run counts once, as IOHprofiler draws it.
 */
public final class RuntimeEcdf {
  private RuntimeEcdf() {}

  private static final int[] SERIES = {1, 2, 5};

  /** A hit value meaning "the target was never reached". */
  public static final int NEVER = -1;

  /**
   * A runtime ECDF as a small table.
   *
   * @param budgets   budgets in iterations, strictly ascending
   * @param fractions per budget, the fraction in [0, 1] of (run, target) pairs hit within that budget
   */
  public record Table(int[] budgets, double[] fractions) {
    /** Refuses tables whose columns differ in length. */
    public Table {
      Check.notNull(budgets, "budgets");
      Check.notNull(fractions, "fractions");
      Check.sameLength(budgets.length, fractions.length, "fractions", "budgets");
    }

    @Override
    public String toString() {
      return "RuntimeEcdf.Table[budgets=" + Arrays.toString(budgets) + ", fractions=" + Arrays.toString(fractions)
          + "]";
    }
  }

  /**
   * A log-spaced budget grid: the 1–2–5 series 1, 2, 5, 10, 20, 50, 100, … up to {@code maxBudget}, and
   * {@code maxBudget} itself as the last point when it is not on the series (so the curve ends at the whole
   * budget). Three points a decade, the usual axis of COCO's ECDF plots.
   *
   * @param maxBudget the largest budget in iterations, ≥ 1
   * @return strictly ascending budgets
   */
  public static int[] budgetGrid(int maxBudget) {
    Check.arg(maxBudget >= 1, "maxBudget", maxBudget, "a budget of at least 1 iteration");
    int count = 0;
    for (long decade = 1; decade <= maxBudget; decade *= 10) {
      for (int m : SERIES) {
        if (m * decade <= maxBudget) {
          count++;
        }
      }
    }
    int[] grid = new int[count];
    int i = 0;
    for (long decade = 1; decade <= maxBudget; decade *= 10) {
      for (int m : SERIES) {
        if (m * decade <= maxBudget) {
          grid[i++] = (int) (m * decade);
        }
      }
    }
    return grid[count - 1] == maxBudget ? grid : appendLast(grid, maxBudget);
  }

  private static int[] appendLast(int[] grid, int last) {
    int[] out = Arrays.copyOf(grid, grid.length + 1);
    out[grid.length] = last;
    return out;
  }

  /** The ECDF of {@code hits} at {@code budgets}, as a table ({@link #fractionsReached} into a new array). */
  public static Table of(int[][] hits, int[] budgets) {
    Check.notNull(budgets, "budgets");
    return new Table(budgets.clone(), fractionsReached(hits, budgets, new double[budgets.length]));
  }

  /**
   * Writes, for each budget b, the fraction of (run, target) pairs with {@code 0 ≤ hits[run][target] ≤ b}
   * into {@code out}. Allocates nothing.
   *
   * @param hits    run × target: the iteration at which the run first hit the target (0 = at the start point),
   *                or {@link #NEVER}; at least one run, every run with the same number (≥ 1) of targets
   * @param budgets budgets in iterations, ≥ 0 and strictly ascending
   * @param out     receives one fraction in [0, 1] per budget; length ≥ {@code budgets.length}
   * @return {@code out}
   */
  public static double[] fractionsReached(int[][] hits, int[] budgets, double[] out) {
    Check.notNull(hits, "hits");
    Check.notNull(budgets, "budgets");
    Check.notNull(out, "out");
    Check.arg(hits.length >= 1, "hits.length", 0, "at least one run");
    Check.notNull(hits[0], "hits[0]");
    int targets = hits[0].length;
    Check.arg(targets >= 1, "hits[0].length", 0, "at least one target");
    for (int r = 0; r < hits.length; r++) {
      if (hits[r] == null) {
        throw Check.bad("hits[" + r + "]", "null", "an array of first-hit iterations");
      }
      if (hits[r].length != targets) {
        throw Check.bad("hits[" + r + "].length", hits[r].length, targets + " targets, as hits[0]");
      }
      for (int t = 0; t < targets; t++) {
        if (hits[r][t] < NEVER) {
          throw Check.bad("hits[" + r + "][" + t + "]", hits[r][t],
              "a first-hit iteration ≥ 0, or -1 for never");
        }
      }
    }
    checkBudgets(budgets);
    if (out.length < budgets.length) {
      throw Check.bad("out.length", out.length, "at least budgets.length = " + budgets.length);
    }
    double pairs = (double) hits.length * targets;
    for (int b = 0; b < budgets.length; b++) {
      long reached = 0;
      for (int[] run : hits) {
        for (int hit : run) {
          if (hit != NEVER && hit <= budgets[b]) {
            reached++;
          }
        }
      }
      out[b] = reached / pairs;
    }
    return out;
  }

  static void checkBudgets(int[] budgets) {
    for (int b = 0; b < budgets.length; b++) {
      if (budgets[b] < 0) {
        throw Check.bad("budgets[" + b + "]", budgets[b], "a budget ≥ 0 iterations");
      }
      if (b > 0 && budgets[b] <= budgets[b - 1]) {
        throw Check.bad("budgets[" + b + "]", budgets[b],
            "more than budgets[" + (b - 1) + "] = " + budgets[b - 1] + " (strictly ascending)");
      }
    }
  }
}
