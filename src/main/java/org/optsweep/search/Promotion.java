package org.optsweep.search;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Which settings of a rung go on to the next: the best by the study's {@link RankingMetric}, NaN worst, ties
 * (equal scores, −0.0 equal to 0.0) broken by the lower trial index — so the survivors depend only on the scores,
 * never on the order the settings arrive in from the executors.
 */
public final class Promotion {
  private Promotion() {}

  /**
   * All settings of a rung, best first.
   *
   * @param trials the settings' trial indices, distinct
   * @param scores their scores, in the same order
   * @param metric which direction is better
   * @return the trial indices, ranked
   * @throws IllegalArgumentException if the arrays differ in length or a trial index repeats
   */
  public static long[] ranked(long[] trials, double[] scores, RankingMetric metric) {
    if (trials.length != scores.length) {
      throw new IllegalArgumentException(trials.length + " trials but " + scores.length + " scores");
    }
    long[] sorted = trials.clone();
    Arrays.sort(sorted);
    for (int i = 1; i < sorted.length; i++) {
      if (sorted[i] == sorted[i - 1]) {
        throw new IllegalArgumentException("trial " + sorted[i] + " is scored twice");
      }
    }
    Integer[] order = new Integer[trials.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Comparator<Integer> better = (a, b) -> compare(scores[a], scores[b], metric.higherIsBetter());
    Arrays.sort(order, better.thenComparingLong(i -> trials[i]));
    long[] out = new long[trials.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = trials[order[i]];
    }
    return out;
  }

  /**
   * The {@code keep} best settings of a rung, best first: the next rung's settings (keep = its n).
   *
   * @param keep how many survive, 0 … trials.length
   * @throws IllegalArgumentException as {@link #ranked}, or when keep is out of range
   */
  public static long[] survivors(long[] trials, double[] scores, RankingMetric metric, long keep) {
    if (keep < 0 || keep > trials.length) {
      throw new IllegalArgumentException("keep " + keep + " of " + trials.length + " settings");
    }
    return Arrays.copyOf(ranked(trials, scores, metric), (int) keep);
  }

  /** Negative when score a ranks before b; NaN after every number, numbers by their value. */
  private static int compare(double a, double b, boolean higherIsBetter) {
    boolean nanA = Double.isNaN(a);
    boolean nanB = Double.isNaN(b);
    if (nanA || nanB) {
      return nanA == nanB ? 0 : nanA ? 1 : -1;
    }
    if (a == b) {
      return 0;
    }
    return (a < b) == higherIsBetter ? 1 : -1;
  }
}
