package org.optsweep.solver;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The convergence trace of one solve: f, the distance to the minimiser, ‖∇f‖ and the step length at
 * planned iterations — 0, then about {@code points − 1} geometrically spaced ones up to the iteration
 * budget — and at the last iteration. The plan depends only on (points, budget), so a paused and continued
 * solve samples the same iterations as an uninterrupted one. Buffers are allocated once per solve.
 */
final class TraceSampler {
  private final int[] plan;
  private int next;
  private int count;
  private final int[] iterations;
  private final double[] values;
  private final double[] distances;
  private final double[] gradientNorms;
  private final double[] stepNorms;

  /** No trace when {@code points} is 0. */
  TraceSampler(int points, int maxIterations) {
    this.plan = points > 0 ? logSpaced(maxIterations, points) : new int[0];
    int cap = points > 0 ? plan.length + 1 : 0;
    this.iterations = new int[cap];
    this.values = new double[cap];
    this.distances = new double[cap];
    this.gradientNorms = new double[cap];
    this.stepNorms = new double[cap];
  }

  /** 0, then about {@code points − 1} geometrically spaced iterations up to {@code max}, de-duplicated. */
  static int[] logSpaced(int max, int points) {
    int[] raw = new int[points];
    int k = 0;
    raw[k++] = 0;
    for (int i = 1; i < points && max > 0; i++) {
      int t = (int) Math.round(Math.pow(max, (double) i / (points - 1)));
      t = Math.max(1, Math.min(max, t));
      if (t > raw[k - 1]) {
        raw[k++] = t;
      }
    }
    return Arrays.copyOf(raw, k);
  }

  /** Whether iteration t is the next planned sample. */
  boolean due(int t) {
    return next < plan.length && plan[next] == t;
  }

  /** Records the planned sample at iteration t (squared norms in, norms stored). */
  void record(int t, double fx, double distSq, double gradSq, double stepSq) {
    add(t, fx, distSq, gradSq, stepSq);
    next++;
  }

  private void add(int t, double fx, double distSq, double gradSq, double stepSq) {
    iterations[count] = t;
    values[count] = fx;
    distances[count] = Math.sqrt(distSq);
    gradientNorms[count] = Math.sqrt(gradSq);
    stepNorms[count] = Math.sqrt(stepSq);
    count++;
  }

  /** The planned iterations up to and including k. */
  int[] planUpTo(int k) {
    int planned = 0;
    while (planned < plan.length && plan[planned] <= k) {
      planned++;
    }
    return Arrays.copyOf(plan, planned);
  }

  /**
   * Takes over a paused solve's samples, which must be exactly the plan's up to its iteration k.
   *
   * @throws IllegalArgumentException with {@code why}'s message when they are not
   */
  void restore(Trace t, int k, Supplier<String> why) {
    int[] planned = planUpTo(k);
    int p = planned.length;
    if (t.iterations().length != p || !Arrays.equals(t.iterations(), planned)) {
      throw new IllegalArgumentException(why.get());
    }
    System.arraycopy(t.iterations(), 0, iterations, 0, p);
    System.arraycopy(t.values(), 0, values, 0, p);
    System.arraycopy(t.distances(), 0, distances, 0, p);
    System.arraycopy(t.gradientNorms(), 0, gradientNorms, 0, p);
    System.arraycopy(t.stepNorms(), 0, stepNorms, 0, p);
    count = p;
    next = p;
  }

  /** The samples so far (a pause's), or null without a trace. */
  Trace samples() {
    return iterations.length == 0 ? null : new Trace(Arrays.copyOf(iterations, count), Arrays.copyOf(values, count),
        Arrays.copyOf(distances, count), Arrays.copyOf(gradientNorms, count), Arrays.copyOf(stepNorms, count));
  }

  /** The finished trace: the samples and, unless it was one, the last iteration t; null without a trace. */
  Trace last(int t, double fx, double dist) {
    if (iterations.length == 0) {
      return null;
    }
    if (count == 0 || iterations[count - 1] != t) {
      add(t, fx, dist * dist, Double.NaN, Double.NaN);
    }
    return samples();
  }
}
