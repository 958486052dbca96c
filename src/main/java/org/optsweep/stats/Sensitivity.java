package org.optsweep.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binned sensitivity of the success rate to one numeric parameter: the settings of a sweep are grouped by the
 * parameter's value and each group reports how many settings it holds, its pooled success rate with a Wilson
 * interval ({@link Proportion#wilson}) and the median of its settings' median gaps. It answers "for which
 * learning rates does this solver reach the optimum, and how sure are we", and shows a parameter that does
 * not matter as a flat row of overlapping intervals.
 *
 * <p>This is a one-dimensional marginal, averaged over whatever the other parameters did in the sweep — the
 * same view as the marginal plots of F. Hutter, H. Hoos, K. Leyton-Brown, "An efficient approach for
 * assessing hyperparameter importance", ICML 2014 (there from a random-forest surrogate, here from the raw
 * settings); it does not separate interactions. Bins: one per distinct value when there are at most
 * {@code maxBins} of them (a grid axis), otherwise {@code maxBins} bins of equal width in the value
 * ({@link Scale#LINEAR}) or in its logarithm ({@link Scale#LOG}, for log-uniform parameters such as learning
 * rates and penalties).
 */
public final class Sensitivity {
  private Sensitivity() {}

  /** How bin edges are spaced when there are more distinct values than bins. */
  public enum Scale {
    /** Equal width in the value. */
    LINEAR,
    /** Equal width in the natural logarithm of the value; every value must be &gt; 0. */
    LOG
  }

  /**
   * One bin.
   *
   * @param lower       the smallest parameter value the bin admits (its lower edge)
   * @param upper       the upper edge: values are {@code lower ≤ v < upper}, the last bin also takes
   *                    {@code v = upper}; for a one-value-per-bin axis {@code lower == upper} is that value
   * @param settings    how many settings fell in the bin (0 for an empty bin of an equal-width axis)
   * @param successes   the settings' successes, summed
   * @param replicates  the settings' replicates, summed
   * @param successRate successes/replicates with its Wilson interval; {@link Interval#UNDEFINED} with no
   *                    replicates
   * @param medianGap   the median ({@link Quantiles#median}, NaN last as worst) of the settings' median gaps;
   *                    NaN for an empty bin
   */
  public record Bin(double lower, double upper, int settings, long successes, long replicates,
                    Interval successRate, double medianGap) {}

  /** {@link #bins(double[], int[], int[], double[], int, Scale, double)} with 95 % Wilson intervals. */
  public static List<Bin> bins(double[] parameter, int[] successes, int[] replicates, double[] medianGap,
      int maxBins, Scale scale) {
    return bins(parameter, successes, replicates, medianGap, maxBins, scale, Proportion.DEFAULT_CONFIDENCE);
  }

  /**
   * Bins the settings by one parameter (class doc) and summarises each bin. All arrays have one entry per
   * setting. Allocates the bins, the edges and two scratch arrays of one entry per setting.
   *
   * @param parameter  the parameter's value per setting; finite, and &gt; 0 for {@link Scale#LOG}
   * @param successes  per setting, the replicates that reached the target; in [0, replicates]
   * @param replicates per setting, the replicates run; ≥ 0
   * @param medianGap  per setting, the median gap f − f* over its replicates (NaN allowed: worst)
   * @param maxBins    k ≥ 1, the number of bins (fewer when there are fewer distinct values)
   * @param scale      the spacing of equal-width bins
   * @param confidence the Wilson intervals' two-sided level in (0, 1)
   * @return the bins in ascending order of the parameter; empty when there are no settings
   */
  public static List<Bin> bins(double[] parameter, int[] successes, int[] replicates, double[] medianGap,
      int maxBins, Scale scale, double confidence) {
    Check.notNull(parameter, "parameter");
    Check.notNull(successes, "successes");
    Check.notNull(replicates, "replicates");
    Check.notNull(medianGap, "medianGap");
    Check.arg(scale != null, "scale", "null", "LINEAR or LOG");
    int m = parameter.length;
    Check.sameLength(m, successes.length, "successes", "parameter");
    Check.sameLength(m, replicates.length, "replicates", "parameter");
    Check.sameLength(m, medianGap.length, "medianGap", "parameter");
    Check.arg(maxBins >= 1, "maxBins", maxBins, "at least 1 bin");
    Check.confidence(confidence);
    for (int i = 0; i < m; i++) {
      if (!Double.isFinite(parameter[i])) {
        throw Check.bad("parameter[" + i + "]", parameter[i], "a finite value");
      }
      if (scale == Scale.LOG && !(parameter[i] > 0)) {
        throw Check.bad("parameter[" + i + "]", parameter[i], "a value > 0 for a LOG-scaled parameter");
      }
      if (replicates[i] < 0) {
        throw Check.bad("replicates[" + i + "]", replicates[i], "a count ≥ 0");
      }
      if (!(successes[i] >= 0 && successes[i] <= replicates[i])) {
        throw Check.bad("successes[" + i + "]", successes[i],
            "a count in [0, replicates[" + i + "] = " + replicates[i] + "]");
      }
    }
    if (m == 0) {
      return List.of();
    }
    double[] sorted = parameter.clone();
    Arrays.sort(sorted);
    int distinct = 1;
    for (int i = 1; i < m; i++) {
      if (sorted[i] != sorted[i - 1]) {
        distinct++;
      }
    }
    double[] lowerEdges;
    double[] upperEdges;
    if (distinct <= maxBins) {
      lowerEdges = new double[distinct];
      int d = 0;
      lowerEdges[0] = sorted[0];
      for (int i = 1; i < m; i++) {
        if (sorted[i] != sorted[i - 1]) {
          lowerEdges[++d] = sorted[i];
        }
      }
      upperEdges = lowerEdges.clone();
    } else {
      lowerEdges = new double[maxBins];
      upperEdges = new double[maxBins];
      double min = sorted[0];
      double max = sorted[m - 1];
      boolean log = scale == Scale.LOG;
      double from = log ? Math.log(min) : min;
      double width = ((log ? Math.log(max) : max) - from) / maxBins;
      for (int b = 0; b < maxBins; b++) {
        lowerEdges[b] = b == 0 ? min : log ? Math.exp(from + b * width) : from + b * width;
      }
      for (int b = 0; b < maxBins - 1; b++) {
        upperEdges[b] = lowerEdges[b + 1];
      }
      upperEdges[maxBins - 1] = max;
    }
    int bins = lowerEdges.length;
    int[] binOf = new int[m];
    for (int i = 0; i < m; i++) {
      // the last lower edge ≤ value: membership agrees exactly with the reported edges
      int b = Arrays.binarySearch(lowerEdges, parameter[i]);
      binOf[i] = b >= 0 ? lastEqual(lowerEdges, b) : -b - 2;
    }
    double[] gaps = sorted; // reused as scratch: the sorted copy is no longer needed
    List<Bin> out = new ArrayList<>(bins);
    for (int b = 0; b < bins; b++) {
      int count = 0;
      long succ = 0;
      long reps = 0;
      for (int i = 0; i < m; i++) {
        if (binOf[i] == b) {
          gaps[count++] = medianGap[i];
          succ += successes[i];
          reps += replicates[i];
        }
      }
      Arrays.sort(gaps, 0, count);
      out.add(new Bin(lowerEdges[b], upperEdges[b], count, succ, reps, Proportion.wilson(succ, reps, confidence),
          count == 0 ? Double.NaN : Quantiles.median(gaps, count)));
    }
    return out;
  }

  /** Edges can repeat when rounding collapses a bin; a value equal to several belongs to the last. */
  private static int lastEqual(double[] edges, int found) {
    int b = found;
    while (b + 1 < edges.length && edges[b + 1] == edges[found]) {
      b++;
    }
    return b;
  }
}
