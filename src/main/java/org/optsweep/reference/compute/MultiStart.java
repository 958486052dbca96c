package org.optsweep.reference.compute;

import org.optsweep.reference.Reference;
import org.optsweep.reference.Kind;
import org.optsweep.reference.ReferenceException;
import java.util.Locale;
import java.util.SplittableRandom;
import org.optsweep.gradient.GradientMethod;
import org.optsweep.objective.Objective;
import org.optsweep.solver.Lbfgs;
import org.optsweep.solver.SolveRequest;
import org.optsweep.solver.SolveResult;
import org.optsweep.solver.Solver;
import org.optsweep.solver.Stopping;
import org.optsweep.solver.Targets;

/**
 * A best-known reference for a non-convex objective (group_sparse with λ &gt; 0, the autoencoder): the best
 * value a documented multi-start finds, kind BEST_KNOWN — a yardstick for "as good as the best we found",
 * never a certified optimum (a run may beat it: a negative gap).
 *
 * <p>The procedure: optsweep's L-BFGS ({@link Lbfgs}, memory 10, pgtol 1e-10, ftol 0, strong-Wolfe line
 * search; analytic gradients where the objective has them, else central differences) from the job's start
 * point and from {@code starts} points drawn uniformly from the box [{@code boxLow}, {@code boxHigh}]ⁿ —
 * coordinate by coordinate, start by start, from {@code new SplittableRandom(seed)} — each for at most
 * {@code maxIterations} iterations. f* is the lowest final value. The starts whose final value is within
 * {@code valueTolerance}·max(1, |f*|) of f* "reach" it; if any two of their end points are more than
 * {@code pointTolerance}·max(1, ‖x_best‖) apart (Euclidean), the minimiser is not unique — x* is
 * {@code null} and the note gives the two starts and their distance — else x* is the best end point.
 * Objectives with a known symmetry (the autoencoder's permutations of hidden units) pass the reason up
 * front and get x* = {@code null} regardless.
 */
public final class MultiStart {
  private MultiStart() {}

  /**
   * The multi-start's settings.
   *
   * @param starts         random starts besides the job's start; default 20
   * @param boxLow         lower corner of the box random starts are drawn from, every coordinate; default −2
   * @param boxHigh        upper corner; default 2
   * @param seed           seed of the starts' {@link SplittableRandom}; default 1
   * @param maxIterations  L-BFGS iterations per start; default 5 000
   * @param valueTolerance relative: a start reaches f* when its f ≤ f* + this·max(1, |f*|); default 1e-8
   * @param pointTolerance relative: end points reaching f* further apart than this·max(1, ‖x_best‖) make the
   *                       minimiser non-unique; default 1e-4
   */
  public record Options(int starts, double boxLow, double boxHigh, long seed, int maxIterations,
                        double valueTolerance, double pointTolerance) {
    public Options {
      if (starts < 0 || !(boxLow < boxHigh) || maxIterations < 1 || !(valueTolerance >= 0) || !(pointTolerance >= 0)) {
        throw new IllegalArgumentException("multi-start options: starts >= 0, boxLow < boxHigh, maxIterations >= 1, "
            + "tolerances >= 0; got " + starts + ", [" + boxLow + ", " + boxHigh + "], " + maxIterations + ", "
            + valueTolerance + ", " + pointTolerance);
      }
    }

    /** 20 starts in [−2, 2]ⁿ, seed 1, 5 000 iterations each, tolerances 1e-8 (value) and 1e-4 (points). */
    public static Options defaults() {
      return new Options(20, -2, 2, 1, 5000, 1e-8, 1e-4);
    }
  }

  /** {@link #run(Objective, double[], Options, String)} without a known symmetry. */
  public static Reference run(Objective f, double[] jobStart, Options o) {
    return run(f, jobStart, o, null);
  }

  /**
   * @param f            the objective; its {@link Objective#referenceKey()} names the reference
   * @param jobStart     the job's start point, run first; {@code null} for none
   * @param o            the settings
   * @param symmetryNote why the minimiser is never unique (a known symmetry), or {@code null}
   * @return the BEST_KNOWN reference
   * @throws ReferenceException when no start ends at a finite value
   */
  public static Reference run(Objective f, double[] jobStart, Options o, String symmetryNote) {
    int n = f.dimension();
    Solver lbfgs = new Lbfgs(10, 1e-10, 0.0, 1e-4, 0.9, 20);
    Stopping stopping = Stopping.defaults().withMaxIterations(o.maxIterations());
    GradientMethod gradient = f.hasGradient() ? GradientMethod.ANALYTIC : GradientMethod.CENTRAL;
    SplittableRandom rng = new SplittableRandom(o.seed());
    int total = o.starts() + (jobStart == null ? 0 : 1);
    double[][] ends = new double[total][];
    double[] values = new double[total];
    int best = -1;
    long iterations = 0;
    for (int k = 0; k < total; k++) {
      double[] start = new double[n];
      if (k == 0 && jobStart != null) {
        System.arraycopy(jobStart, 0, start, 0, n);
      } else {
        for (int j = 0; j < n; j++) {
          start[j] = o.boxLow() + (o.boxHigh() - o.boxLow()) * rng.nextDouble();
        }
      }
      SolveResult r = lbfgs.solve(new SolveRequest(f, start, gradient, 0, stopping, Targets.NONE, 0));
      iterations += r.iterations();
      ends[k] = r.x();
      values[k] = f.value(r.x());
      if (Double.isFinite(values[k]) && (best < 0 || values[k] < values[best])) {
        best = k;
      }
    }
    if (best < 0) {
      throw new ReferenceException("multi-start on " + f + ": no start ended at a finite value");
    }
    double fBest = values[best];
    double reachTol = o.valueTolerance() * Math.max(1, Math.abs(fBest));
    double pointTol = o.pointTolerance() * Math.max(1, norm(ends[best]));
    int reached = 0;
    int farA = -1;
    int farB = -1;
    double farthest = 0;
    for (int a = 0; a < total; a++) {
      if (!(values[a] <= fBest + reachTol)) {
        continue;
      }
      reached++;
      for (int b = a + 1; b < total; b++) {
        if (values[b] <= fBest + reachTol) {
          double d = distance(ends[a], ends[b]);
          if (d > farthest) {
            farthest = d;
            farA = a;
            farB = b;
          }
        }
      }
    }
    String method = String.format(Locale.ROOT, "multi-start: L-BFGS (memory 10, pgtol 1e-10, ftol 0, %s gradient, "
        + "at most %d iterations) from %s%d uniform starts in [%s, %s]^%d (SplittableRandom seed %d); best f = %.17g, "
        + "reached by %d of %d starts (within %.1g relative), their end points at most %.3g apart; %d iterations "
        + "in all", gradient.name().toLowerCase(Locale.ROOT), o.maxIterations(), jobStart == null ? ""
        : "the job's start and ", o.starts(), o.boxLow(), o.boxHigh(), n, o.seed(), fBest, reached, total,
        o.valueTolerance(), farthest, iterations);
    String note = symmetryNote;
    if (note == null && farthest > pointTol) {
      note = String.format(Locale.ROOT, "minimiser not unique: starts %d and %d both reach the best value within "
          + "%.1g relative but end %.3g apart (tolerance %.3g)", farA, farB, o.valueTolerance(), farthest, pointTol);
    }
    return Reference.of(f.referenceKey(), note == null ? ends[best] : null, fBest, Double.NaN, Kind.BEST_KNOWN,
        method, note);
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return Math.sqrt(s);
  }

  private static double norm(double[] a) {
    return distance(a, new double[a.length]);
  }
}
