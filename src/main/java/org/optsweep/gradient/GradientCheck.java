package org.optsweep.gradient;

import java.util.SplittableRandom;
import org.optsweep.objective.Objective;

/**
 * Compares an objective's analytic gradient with central differences, and detects an objective
 * that ignores its input.
 *
 * <p>The second check exists because of a seed question: an L-BFGS-B run stopped at iteration 0 with
 * ABNORMAL_TERMINATION_IN_LNSRCH because the loss lambda never used its argument, so f was constant
 * while the (correct) gradient said it should fall. Here such an objective is reported as
 * {@link Verdict#INSENSITIVE} instead of being silently optimised.
 */
public final class GradientCheck {
  private GradientCheck() {}

  /** What the check concluded. */
  public enum Verdict {
    /** Analytic and numerical gradients agree within the tolerance. */
    OK,
    /** They disagree: worst relative error above the tolerance. */
    MISMATCH,
    /** f(x) did not change when x changed: the objective does not read its argument. */
    INSENSITIVE,
    /** f or the gradient was NaN or infinite at a checked point. */
    NOT_FINITE
  }

  /**
   * The outcome at the worst point.
   *
   * @param verdict           the conclusion
   * @param worstRelError     max over points and coordinates of |g_a − g_n| / max(1, |g_a|, |g_n|)
   * @param worstCoordinate   where it occurred
   * @param worstPoint        the point where it occurred (a copy)
   * @param message           a sentence for the user
   */
  public record Result(Verdict verdict, double worstRelError, int worstCoordinate, double[] worstPoint,
                       String message, int[] ignoredCoordinates) {
    Result(Verdict verdict, double worstRelError, int worstCoordinate, double[] worstPoint, String message) {
      this(verdict, worstRelError, worstCoordinate, worstPoint, message, new int[0]);
    }

    /** Whether the objective passed: gradients agree, f is finite, and f reads every coordinate. */
    public boolean passed() {
      return verdict == Verdict.OK && ignoredCoordinates.length == 0;
    }
  }

  /**
   * Checks at {@code points} random points drawn uniformly from the box [centre − radius, centre + radius].
   *
   * @param f         the objective
   * @param centre    centre of the box (length n)
   * @param radius    half-width of the box in each coordinate, &gt; 0
   * @param points    how many points
   * @param seed      seed for the points
   * @param tolerance the largest acceptable relative error (1e-5 suits central differences of smooth f)
   */
  public static Result check(Objective f, double[] centre, double radius, int points, long seed,
                             double tolerance) {
    int n = f.dimension();
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[n];
    double[] ga = new double[n];
    double[] gn = new double[n];
    Evaluator numeric = new Evaluator(f, GradientMethod.CENTRAL, 0);
    double worst = 0;
    int worstI = -1;
    double[] worstX = null;
    boolean sensitive = false;
    boolean[] read = new boolean[n];
    for (int p = 0; p < points; p++) {
      for (int i = 0; i < n; i++) {
        x[i] = centre[i] + radius * (2 * rng.nextDouble() - 1);
      }
      double fx = f.value(x);
      if (!Double.isFinite(fx)) {
        return new Result(Verdict.NOT_FINITE, Double.NaN, -1, x.clone(), f.name() + ": f(x) = " + fx);
      }
      numeric.gradient(x, gn);
      sensitive |= movesWithX(f, x, fx, radius, read);
      if (!f.hasGradient()) {
        continue;
      }
      f.gradient(x, ga);
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(gn[i])) {
          return new Result(Verdict.NOT_FINITE, Double.NaN, i, x.clone(),
              f.name() + ": central-difference gradient component " + i + " = " + gn[i]);
        }
        if (!Double.isFinite(ga[i])) {
          return new Result(Verdict.NOT_FINITE, Double.NaN, i, x.clone(),
              f.name() + ": analytic gradient component " + i + " = " + ga[i]);
        }
        double rel = Math.abs(ga[i] - gn[i]) / Math.max(1.0, Math.max(Math.abs(ga[i]), Math.abs(gn[i])));
        if (rel > worst || worstX == null) {
          worst = Math.max(worst, rel);
          worstI = i;
          worstX = x.clone();
        }
      }
    }
    if (!sensitive) {
      return new Result(Verdict.INSENSITIVE, worst, -1, x.clone(), f.name()
          + ": f(x) does not change when x changes (checked " + points + " points, steps up to " + radius
          + "): the objective ignores its argument, so no solver can make progress");
    }
    int[] ignored = java.util.stream.IntStream.range(0, n).filter(i -> !read[i]).toArray();
    String ignoredText = ignored.length == 0 ? "" : "; f does not change with coordinate"
        + (ignored.length == 1 ? " " : "s ") + java.util.Arrays.toString(ignored).replaceAll("[\\[\\]]", "")
        + " at any checked point (the objective ignores part of its input: a disconnected gradient)";
    if (!f.hasGradient()) {
      return new Result(Verdict.OK, 0, -1, null, f.name() + ": no analytic gradient; f depends on x" + ignoredText,
          ignored);
    }
    Verdict v = worst <= tolerance ? Verdict.OK : Verdict.MISMATCH;
    return new Result(v, worst, worstI, worstX, String.format(java.util.Locale.ROOT,
        "%s: worst relative gradient error %.3g at coordinate %d (tolerance %.3g)", f.name(), worst, worstI,
        tolerance) + ignoredText, ignored);
  }

  /** Whether f changes when some coordinate moves by a visible amount; marks each coordinate that does. */
  private static boolean movesWithX(Objective f, double[] x, double fx, double radius, boolean[] read) {
    boolean any = false;
    for (int i = 0; i < x.length; i++) {
      double xi = x[i];
      for (double step : new double[] {1e-3 * Math.max(1, Math.abs(xi)), radius}) {
        x[i] = xi + step;
        double f1 = f.value(x);
        x[i] = xi;
        if (f1 != fx) {
          read[i] = true;
          any = true;
          break;
        }
      }
    }
    return any;
  }
}
