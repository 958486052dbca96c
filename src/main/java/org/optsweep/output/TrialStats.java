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
 *   <li>95% intervals: Wilson's score interval for the success rates (Wilson 1927; it keeps its
 *       coverage at the small counts and the rates near 0 and 1 a sweep produces, where the normal
 *       interval does not), and for aRT a percentile bootstrap over the replicates (COCO's method,
 *       1000 resamples) seeded by (job seed, stage, study, trial): the same on any number of cores.
 *       aRT without a success is null, its interval too.</li>
 *   <li>distinct end points: the final points clustered by single linkage at the headline distance
 *       target (else 1e-6 of the points' scale), from pairwise squared distances by the fast expansion
 *       clamped at zero — the seed question's cancellation trap.</li>
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
  private int m;
  private long[] spentIterations = new long[8];
  private long[] spentEvaluations = new long[8];
  private boolean[] succeeded = new boolean[8];
  private double[] points = new double[16];
  private int pointCount;
  private int dimension = -1;
  private long bootstrapSeed;
  private double linkage;
  private Double[][] ertIntervals;
  private org.optsweep.stats.Interval successInterval;
  private org.optsweep.stats.Interval finalInterval;
  private Integer endPoints;

  /** Starts a new setting whose aRT bootstrap is seeded by {@code bootstrapSeed}; end points are linked within {@code linkage} (0: by scale). */
  public void reset(long bootstrapSeed, double linkage) {
    this.bootstrapSeed = bootstrapSeed;
    this.linkage = linkage;
    reset();
  }

  /** Starts a new setting. */
  public void reset() {
    m = 0;
    pointCount = 0;
    dimension = -1;
    ertIntervals = null;
    successInterval = null;
    finalInterval = null;
    endPoints = null;
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
    if (m == spentIterations.length) {
      spentIterations = Arrays.copyOf(spentIterations, 2 * m);
      spentEvaluations = Arrays.copyOf(spentEvaluations, 2 * m);
      succeeded = Arrays.copyOf(succeeded, 2 * m);
    }
    if (r.assessment().success()) {
      successes++;
      int h = r.assessment().hitIteration();
      ertNum += h;
      double e = (double) (evals * h) / Math.max(its, 1);
      evalNum += e;
      spentIterations[m] = h;
      spentEvaluations[m] = Math.round(e);
    } else {
      ertNum += its;
      evalNum += evals;
      spentIterations[m] = its;
      spentEvaluations[m] = evals;
    }
    succeeded[m++] = r.assessment().success();
    double[] end = r.result().x();
    if (end != null && allFinite(end) && (dimension < 0 || dimension == end.length)) {
      dimension = end.length;
      if (points.length < (pointCount + 1) * end.length) {
        points = Arrays.copyOf(points, Math.max(2 * points.length, (pointCount + 1) * end.length));
      }
      System.arraycopy(end, 0, points, pointCount * end.length, end.length);
      pointCount++;
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

  private static boolean allFinite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** Wilson's 95% interval of the success rate. */
  public org.optsweep.stats.Interval successInterval() {
    if (successInterval == null) {
      successInterval = org.optsweep.stats.Proportion.wilson(successes, n);
    }
    return successInterval;
  }

  /** Wilson's 95% interval of the final success rate. */
  public org.optsweep.stats.Interval finalSuccessInterval() {
    if (finalInterval == null) {
      finalInterval = org.optsweep.stats.Proportion.wilson(finals, n);
    }
    return finalInterval;
  }

  /** The bootstrap 95% interval of aRT in iterations: {lower, upper}, nulls without a success. */
  public Double[] ertIterationsInterval() {
    return ertIntervals()[0];
  }

  /** The bootstrap 95% interval of aRT in evaluations: {lower, upper}, nulls without a success. */
  public Double[] ertEvaluationsInterval() {
    return ertIntervals()[1];
  }

  private Double[][] ertIntervals() {
    if (ertIntervals == null) {
      ertIntervals = computeErtIntervals();
    }
    return ertIntervals;
  }

  private Double[][] computeErtIntervals() {
    if (successes == 0) {
      return new Double[][] {{null, null}, {null, null}};
    }
    long[] it = Arrays.copyOf(spentIterations, m);
    long[] ev = Arrays.copyOf(spentEvaluations, m);
    boolean[] ok = Arrays.copyOf(succeeded, m);
    var a = org.optsweep.stats.RunningTime.bootstrapInterval(it, ok, bootstrapSeed);
    var b = org.optsweep.stats.RunningTime.bootstrapInterval(ev, ok, bootstrapSeed);
    // The evaluations' interval is resampled from counts rounded to whole evaluations; it is widened
    // to the exact estimate should the rounding put that outside.
    double e = ertEvaluations();
    return new Double[][] {{finite(Math.min(a.lower(), ertIterations())), finite(Math.max(a.upper(), ertIterations()))},
        {finite(Math.min(b.lower(), e)), finite(Math.max(b.upper(), e))}};
  }

  private static Double finite(double v) {
    return Double.isNaN(v) ? null : v;
  }

  /** The number of distinct final points among the replicates that ended at a finite point; null if none did. */
  public Integer endPoints() {
    if (endPoints == null && pointCount > 0) {
      double scale = 0;
      for (int i = 0; i < pointCount * dimension; i++) {
        scale = Math.max(scale, Math.abs(points[i]));
      }
      double threshold = linkage > 0 ? linkage : 1e-6 * (1 + scale);
      endPoints = org.optsweep.stats.EndPoints.clusters(Arrays.copyOf(points, pointCount * dimension), pointCount,
          dimension, threshold).count();
    }
    return endPoints;
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
