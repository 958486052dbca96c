package org.optsweep.output;

import java.util.Arrays;
import org.optsweep.solver.Status;
import org.optsweep.stats.Quantiles;

/**
 * The statistics of one setting (study, trial) over its replicates — a {@code summary/} row —
 * gathered from its solves as the task that solved them writes them (every replicate of a trial is
 * solved by the same task, one after another). The tests hold the result equal to the SQL group-by
 * over {@code runs/} that defines the same quantities.
 *
 * <ul>
 *   <li>success rate: share of replicates that hit every headline target at some iteration (COCO's
 *       anytime success); final success rate: share whose final point meets them.</li>
 *   <li>aRT (COCO's average running time): (Σ hit iteration over successes + Σ iterations over
 *       failures) / successes — the expected iterations to a success when failed runs are
 *       restarted; null without successes. The same in f + ∇f evaluations, a run's evaluations
 *       pro-rated to its hit iteration.</li>
 *   <li>quartiles of the final distance and value gap (numpy's linear interpolation; a diverged
 *       run's NaN sorts last, as the worst), the best final gap, counts of DIVERGED and
 *       FAILED/TIMED_OUT replicates.</li>
 * </ul>
 */
public final class TrialStats {
  private SolveRecord first;
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
  private boolean sorted;

  /** Starts a new setting. */
  public void reset() {
    first = null;
    n = successes = finals = iterationSum = diverged = failed = 0;
    ertNum = evalNum = 0;
    gapMin = null;
    nd = ng = 0;
    sorted = false;
  }

  /** Adds one replicate's solve. */
  public void add(SolveRecord r) {
    if (first == null) {
      first = r;
    }
    n++;
    sorted = false;
    int its = r.result().iterations();
    long evals = r.result().valueEvaluations() + r.result().gradientEvaluations();
    if (r.assessment().success()) {
      successes++;
      int h = r.assessment().hitIteration();
      ertNum += h;
      evalNum += (double) (evals * h) / Math.max(its, 1);
    } else {
      ertNum += its;
      evalNum += evals;
    }
    if (r.assessment().finalSuccess()) {
      finals++;
    }
    iterationSum += its;
    if (r.minimiserKnown()) {
      d = grow(d, nd);
      d[nd++] = r.result().distance();
    }
    if (r.minimumKnown()) {
      double x = r.result().valueGap();
      g = grow(g, ng);
      g[ng++] = x;
      // min() as Spark SQL orders doubles: NaN above everything, so it wins only alone.
      if (gapMin == null || x < gapMin || Double.isNaN(gapMin) && !Double.isNaN(x)) {
        gapMin = x;
      }
    }
    Status s = r.result().status();
    if (s == Status.DIVERGED) {
      diverged++;
    } else if (s == Status.FAILED || s == Status.TIMED_OUT) {
      failed++;
    }
  }

  /** The first replicate's solve: the setting's identity and hyperparameters. */
  public SolveRecord first() {
    return first;
  }

  /** Replicates added since {@link #reset}. */
  public long replicates() {
    return n;
  }

  public long successes() {
    return successes;
  }

  public double successRate() {
    return (double) successes / n;
  }

  public double finalSuccessRate() {
    return (double) finals / n;
  }

  /** COCO's aRT in iterations; null without successes. */
  public Double ertIterations() {
    return successes == 0 ? null : ertNum / successes;
  }

  /** COCO's aRT in f + ∇f evaluations; null without successes. */
  public Double ertEvaluations() {
    return successes == 0 ? null : evalNum / successes;
  }

  /** The p-quantile of the final distances; null when none was measured. */
  public Double distanceQuantile(double p) {
    sort();
    return nd == 0 ? null : Quantiles.linear(d, nd, p);
  }

  /** The p-quantile of the final value gaps; null when none was measured. */
  public Double gapQuantile(double p) {
    sort();
    return ng == 0 ? null : Quantiles.linear(g, ng, p);
  }

  public Double gapMin() {
    return gapMin;
  }

  public double iterationsMean() {
    return (double) iterationSum / n;
  }

  public long diverged() {
    return diverged;
  }

  public long failed() {
    return failed;
  }

  private void sort() {
    if (!sorted) {
      // NaN last (Arrays.sort's order, and Spark SQL's): a diverged run is the worst.
      Arrays.sort(d, 0, nd);
      Arrays.sort(g, 0, ng);
      sorted = true;
    }
  }

  private static double[] grow(double[] a, int n) {
    return n < a.length ? a : Arrays.copyOf(a, 2 * a.length);
  }
}
