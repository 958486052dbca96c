package org.optsweep.spark;

import java.util.Arrays;
import org.apache.spark.sql.types.StructType;

/**
 * One summary/ row: the statistics of one setting (study, trial) over its replicates, gathered
 * from its solve rows as the task that solved them writes them (every replicate of a trial is
 * solved by the same task, one after another). The definitions are those of {@link Summary}; the
 * tests hold the result equal to that SQL query over runs/.
 */
final class TrialStats {
  private final int width;
  private final int job;
  private final int study;
  private final int trial;
  private final int objective;
  private final int solver;
  private final int schedule;
  private final int hyperFrom;
  private final int hyperCount;
  private final int success;
  private final int finalSuccess;
  private final int hit;
  private final int iterations;
  private final int fEvals;
  private final int gradEvals;
  private final int distance;
  private final int valueGap;
  private final int status;

  private Object[] first;
  private long n;
  private long successes;
  private long finals;
  private double ertNum;
  private double evalNum;
  private long iterationSum;
  private long diverged;
  private long failed;
  private Double gapMin;
  private double[] d = new double[8];
  private double[] g = new double[8];
  private int nd;
  private int ng;

  /**
   * @param solve      the schema of the solve rows that will be added
   * @param hyperCount number of hyperparameter columns (they follow {@code schedule})
   * @param width      columns of a summary row ({@link Summary#schema})
   */
  TrialStats(StructType solve, int hyperCount, int width) {
    this.width = width;
    job = solve.fieldIndex("job");
    study = solve.fieldIndex("study");
    trial = solve.fieldIndex("trial");
    objective = solve.fieldIndex("objective");
    solver = solve.fieldIndex("solver");
    schedule = solve.fieldIndex("schedule");
    this.hyperFrom = schedule + 1;
    this.hyperCount = hyperCount;
    success = solve.fieldIndex("success");
    finalSuccess = solve.fieldIndex("final_success");
    hit = solve.fieldIndex("hit_iteration");
    iterations = solve.fieldIndex("iterations");
    fEvals = solve.fieldIndex("f_evals");
    gradEvals = solve.fieldIndex("grad_evals");
    distance = solve.fieldIndex("distance");
    valueGap = solve.fieldIndex("value_gap");
    status = solve.fieldIndex("status");
  }

  /** Starts a new trial. */
  void reset() {
    first = null;
    n = successes = finals = iterationSum = diverged = failed = 0;
    ertNum = evalNum = 0;
    gapMin = null;
    nd = ng = 0;
  }

  /** Adds one replicate's solve row (its values stay unchanged). */
  void add(Object[] v) {
    if (first == null) {
      first = v;
    }
    n++;
    int its = ((Number) v[iterations]).intValue();
    long evals = ((Number) v[fEvals]).longValue() + ((Number) v[gradEvals]).longValue();
    if ((Boolean) v[success]) {
      successes++;
      int h = ((Number) v[hit]).intValue();
      ertNum += h;
      evalNum += (double) (evals * h) / Math.max(its, 1);
    } else {
      ertNum += its;
      evalNum += evals;
    }
    if ((Boolean) v[finalSuccess]) {
      finals++;
    }
    iterationSum += its;
    if (v[distance] != null) {
      d = grow(d, nd);
      d[nd++] = ((Number) v[distance]).doubleValue();
    }
    if (v[valueGap] != null) {
      double x = ((Number) v[valueGap]).doubleValue();
      g = grow(g, ng);
      g[ng++] = x;
      // min() as Spark SQL orders doubles: NaN above everything, so it wins only alone.
      if (gapMin == null || x < gapMin || Double.isNaN(gapMin) && !Double.isNaN(x)) {
        gapMin = x;
      }
    }
    String s = (String) v[status];
    if (s.equals("DIVERGED")) {
      diverged++;
    } else if (s.equals("FAILED") || s.equals("TIMED_OUT")) {
      failed++;
    }
  }

  /** Replicates added since {@link #reset}. */
  long count() {
    return n;
  }

  /** The summary row of the trial, in the column order of {@link Summary#schema}. */
  Object[] row() {
    // Quantiles sort NaN last (Arrays.sort's order, and Spark SQL's): a diverged run is the worst.
    Arrays.sort(d, 0, nd);
    Arrays.sort(g, 0, ng);
    Object[] v = new Object[width];
    int k = 0;
    v[k++] = first[study];
    v[k++] = first[trial];
    v[k++] = first[job];
    v[k++] = first[objective];
    v[k++] = first[solver];
    v[k++] = first[schedule];
    System.arraycopy(first, hyperFrom, v, k, hyperCount);
    k += hyperCount;
    v[k++] = n;
    v[k++] = successes;
    v[k++] = (double) successes / n;
    v[k++] = (double) finals / n;
    v[k++] = successes == 0 ? null : ertNum / successes;
    v[k++] = successes == 0 ? null : evalNum / successes;
    v[k++] = quantile(d, nd, 0.25);
    v[k++] = quantile(d, nd, 0.5);
    v[k++] = quantile(d, nd, 0.75);
    v[k++] = quantile(g, ng, 0.25);
    v[k++] = quantile(g, ng, 0.5);
    v[k++] = quantile(g, ng, 0.75);
    v[k++] = gapMin;
    v[k++] = (double) iterationSum / n;
    v[k++] = diverged;
    v[k] = failed;
    return v;
  }

  private static double[] grow(double[] a, int n) {
    return n < a.length ? a : Arrays.copyOf(a, 2 * a.length);
  }

  /**
   * The p-quantile of the first n sorted values, linear interpolation between closest ranks —
   * numpy's default, Spark's percentile and DuckDB's quantile_cont; null when n = 0.
   */
  static Double quantile(double[] sorted, int n, double p) {
    if (n == 0) {
      return null;
    }
    double pos = p * (n - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return lo == hi ? sorted[lo] : sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
