package org.optsweep.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * COCO's <em>average running time</em> (aRT, formerly ERT) of a setting for one target, and its bootstrap
 * interval. Reference: N. Hansen, A. Auger, D. Brockhoff, D. Tušar, T. Tušar, "COCO: Performance assessment",
 * arXiv:1605.03560 (2016), and N. Hansen et al., "COCO: a platform for comparing continuous optimizers in a
 * black-box setting", Optimization Methods and Software 36(1), 2021; the estimator goes back to Price (1997)
 * and Auger &amp; Hansen (CEC 2005, "performance evaluation of an advanced local search evolutionary
 * algorithm").
 *
 * <p>Each run contributes one number, {@code spent[i]}: for a successful run the evaluations (optsweep:
 * iterations, or f evaluations — whatever unit the caller counts) it took to <em>first hit</em> the target;
 * for an unsuccessful run its whole spent budget. Then
 * <pre>  aRT = (Σ_successful hit + Σ_unsuccessful spent) / #successes</pre>
 * the expected cost of one success when failed runs are restarted independently. It is +∞ when nothing
 * succeeded — a result, not an error — and NaN for no runs at all. This is cocopp's {@code toolsstats.sp}
 * (numbbo/coco, code-postprocessing/cocopp/toolsstats.py).
 *
 * <p>How COCO bootstraps it. cocopp has two resampling procedures, both in {@code toolsstats.py}:
 * <ul>
 *   <li>{@code draw(data, percentiles, samplesize=1e3, func=sp, ...)} — the classical bootstrap: each of
 *   {@code samplesize} resamples draws N runs uniformly with replacement (with their success flags) and
 *   evaluates {@code sp} on them; percentiles of the sorted statistics. This is the <em>confidence interval of
 *   aRT</em>, and {@link #bootstrapInterval} does the same.</li>
 *   <li>{@code drawSP(succ, unsucc, percentiles, samplesize)} — <em>simulated restarts</em>: one simulated
 *   run length is the sum of uniformly drawn runs' spent budgets until the first drawn run is a success; the
 *   mean of these lengths is aRT. The aRT tables (pptable) print half the 10–90 percentile range of ~1000 such
 *   lengths ({@code simulated_runlength_bootstrap_sample_size = 10 + 990/…} in genericsettings) as the
 *   dispersion next to aRT, and the runtime ECDFs of restarted algorithms are built from them. That is the
 *   spread of a single restarted run's cost, not the uncertainty of aRT; {@link #simulatedRestarts} provides
 *   it for the report.</li>
 * </ul>
 * cocopp uses the global numpy random state; here every draw comes from a {@link SplittableRandom} seeded by
 * the caller (derived from job seed, study and trial, e.g. with {@code org.optsweep.spec.Seeds.mix}), so the
 * result depends only on (data in the given order, seed, number of resamples), never on how Spark split the
 * work or which thread ran it.
 */
public final class RunningTime {
  private RunningTime() {}

  /** The number of bootstrap resamples used when none is given, as in cocopp's tables: 1000. */
  public static final int DEFAULT_RESAMPLES = 1000;

  /**
   * The average running time, in the unit of {@code spent}.
   *
   * @param spent   per run: evaluations to the first hit if successful, else the whole spent budget; each ≥ 0
   * @param success per run: whether it hit the target; same length as {@code spent}
   * @return aRT; +∞ with no success; NaN with no runs
   */
  public static double average(long[] spent, boolean[] success) {
    check(spent, success);
    long sum = 0;
    int successes = 0;
    for (int i = 0; i < spent.length; i++) {
      sum += spent[i];
      if (success[i]) {
        successes++;
      }
    }
    return ratio(sum, successes, spent.length);
  }

  /** {@link #bootstrapInterval(long[], boolean[], double, int, long)} at 0.95 with 1000 resamples. */
  public static Interval bootstrapInterval(long[] spent, boolean[] success, long seed) {
    return bootstrapInterval(spent, success, Proportion.DEFAULT_CONFIDENCE, DEFAULT_RESAMPLES, seed);
  }

  /**
   * The percentile bootstrap interval of aRT (Efron &amp; Tibshirani, "An Introduction to the Bootstrap", 1993,
   * ch. 13), as cocopp's {@code toolsstats.draw} with {@code func=sp}: {@code resamples} times, draw
   * {@code spent.length} runs uniformly with replacement, each keeping its success flag, and compute aRT of
   * the resample (+∞ when it holds no success; +∞ sorts last); the bounds are the (1 − confidence)/2 and
   * (1 + confidence)/2 quantiles ({@link Quantiles#linear}, numpy's 'linear') of the sorted resample values.
   * With 0.95: the 2.5 % and 97.5 % percentiles.
   *
   * <p>The estimate is {@link #average}. A percentile interval of a finite number of resamples is not
   * guaranteed to contain the plug-in estimate (a skewed or very discrete bootstrap distribution, Monte-Carlo
   * noise, or a resample equal to the data summed in another order and rounded differently); the table
   * promises lower ≤ aRT ≤ upper, so the bounds are widened to the estimate when they miss it. With no
   * success every resample has aRT = +∞ and the interval is [+∞, +∞]; with no runs it is
   * {@link Interval#UNDEFINED}.
   *
   * <p>Cost: one array of {@code resamples} doubles and one random generator per call; resample · runs
   * random draws. The random stream is {@code new SplittableRandom(seed)}, consumed in a fixed order.
   *
   * @param spent      per run, as in {@link #average}
   * @param success    per run, as in {@link #average}
   * @param confidence two-sided level in (0, 1)
   * @param resamples  B ≥ 1 (cocopp uses about 1000, and advises 10⁴ for final figures)
   * @param seed       the stream's seed, derived by the caller from (job seed, study, trial)
   * @return aRT and its bounds, in the unit of {@code spent}
   */
  public static Interval bootstrapInterval(long[] spent, boolean[] success, double confidence, int resamples,
      long seed) {
    Check.confidence(confidence);
    checkResamples(resamples);
    double estimate = average(spent, success);
    if (spent.length == 0) {
      return Interval.UNDEFINED;
    }
    double[] sorted = bootstrapSample(spent, success, resamples, seed);
    double alpha = 1 - confidence;
    double lower = Quantiles.linear(sorted, resamples, alpha / 2);
    double upper = Quantiles.linear(sorted, resamples, 1 - alpha / 2);
    return new Interval(estimate, Math.min(lower, estimate), Math.max(upper, estimate));
  }

  /**
   * The sorted aRT values of {@code resamples} bootstrap resamples (+∞ last): the raw material of
   * {@link #bootstrapInterval}, before any widening. Package-private for the tests.
   */
  static double[] bootstrapSample(long[] spent, boolean[] success, int resamples, long seed) {
    check(spent, success);
    checkResamples(resamples);
    Check.arg(spent.length >= 1, "spent.length", 0, "at least one run to resample");
    int n = spent.length;
    double[] values = new double[resamples];
    SplittableRandom random = new SplittableRandom(seed);
    for (int b = 0; b < resamples; b++) {
      long sum = 0;
      int successes = 0;
      for (int i = 0; i < n; i++) {
        int j = random.nextInt(n);
        sum += spent[j];
        if (success[j]) {
          successes++;
        }
      }
      values[b] = ratio(sum, successes, n);
    }
    Arrays.sort(values);
    return values;
  }

  /**
   * COCO's simulated restarts (cocopp {@code toolsstats.drawSP}): fills {@code out} with simulated run lengths,
   * each the sum of the {@code spent} of runs drawn uniformly with replacement up to and including the first
   * successful one — the cost of one success of the algorithm restarted until it succeeds. Their expectation
   * is aRT. COCO's tables show half the 10–90 percentile range of these lengths as aRT's dispersion; sort
   * {@code out} with {@link Quantiles#sortNanLast} and read it with {@link Quantiles#linear}.
   *
   * <p>With no success every length is +∞ (cocopp raises instead). Allocates one random generator; lengths
   * are summed in double (a length can exceed the data's sum).
   *
   * @param spent   per run, as in {@link #average}; at least one run
   * @param success per run, as in {@link #average}
   * @param seed    the stream's seed ({@code new SplittableRandom(seed)}, consumed in order)
   * @param out     receives the lengths, in draw order (not sorted); every element is written
   * @return {@code out}
   */
  public static double[] simulatedRestarts(long[] spent, boolean[] success, long seed, double[] out) {
    check(spent, success);
    Check.arg(spent.length >= 1, "spent.length", 0, "at least one run to draw from");
    Check.notNull(out, "out");
    int n = spent.length;
    boolean anySuccess = false;
    for (boolean s : success) {
      anySuccess |= s;
    }
    if (!anySuccess) {
      Arrays.fill(out, Double.POSITIVE_INFINITY);
      return out;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int k = 0; k < out.length; k++) {
      double length = 0;
      int j;
      do {
        j = random.nextInt(n);
        length += spent[j];
      } while (!success[j]);
      out[k] = length;
    }
    return out;
  }

  private static void checkResamples(int resamples) {
    if (resamples < 1) {
      throw Check.bad("resamples", resamples, "at least 1 (default " + DEFAULT_RESAMPLES + ")");
    }
  }

  private static double ratio(long sum, int successes, int runs) {
    if (runs == 0) {
      return Double.NaN;
    }
    return successes == 0 ? Double.POSITIVE_INFINITY : (double) sum / successes;
  }

  /** Same lengths, every spent ≥ 0, and n·max(spent) within a long, so no resample sum can overflow. */
  private static void check(long[] spent, boolean[] success) {
    Check.notNull(spent, "spent");
    Check.notNull(success, "success");
    Check.sameLength(spent.length, success.length, "success", "spent");
    long max = 0;
    for (int i = 0; i < spent.length; i++) {
      if (spent[i] < 0) {
        throw Check.bad("spent[" + i + "]", spent[i], "a count of evaluations ≥ 0");
      }
      max = Math.max(max, spent[i]);
    }
    if (!(spent.length == 0 || max <= Long.MAX_VALUE / spent.length)) {
      throw Check.bad("spent", "max " + max, "values whose sum over " + spent.length + " runs fits in a long");
    }
  }
}
