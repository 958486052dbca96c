package org.optsweep.solver;

import org.optsweep.gradient.Evaluator;

/**
 * The strong-Wolfe line search of {@link Lbfgs} (Nocedal &amp; Wright, Numerical Optimization, 2nd ed.,
 * Algorithm 3.5 with the zoom of Algorithm 3.6 and cubic interpolation, eq. 3.59). Its trial point and
 * gradient buffers are allocated once per solve. Besides the accepted point it keeps what a failure
 * report needs: the evaluations spent, the smallest step tried, and whether f stayed exactly f(x) at
 * every trial point (an objective that ignores x).
 */
final class WolfeLineSearch {
  /** The last trial point; on success, the accepted one. */
  final double[] xNew;
  /** ∇f at {@link #xNew}. */
  final double[] gNew;
  /** f at the accepted point. */
  double fNew;
  /** The accepted step length. */
  double step;
  /** Evaluations of the last search. */
  int evaluations;
  /** Whether every trial point of the last search had f exactly f(x). */
  boolean allSameValue;
  /** The smallest step the last search tried. */
  double smallestStep;
  private final double c1;
  private final double c2;
  private final int maxEvaluations;
  private double[] d;

  /**
   * @param n              the dimension
   * @param c1             Armijo constant in (0, c2)
   * @param c2             curvature constant in (c1, 1)
   * @param maxEvaluations evaluations allowed per search
   */
  WolfeLineSearch(int n, double c1, double c2, int maxEvaluations) {
    this.xNew = new double[n];
    this.gNew = new double[n];
    this.c1 = c1;
    this.c2 = c2;
    this.maxEvaluations = maxEvaluations;
  }

  /**
   * Searches along {@code d} from {@code x} (f(x) = f0, ∇f(x)·d = slope0 &lt; 0), starting at step a0. On
   * success {@link #xNew}, {@link #gNew}, {@link #fNew} and {@link #step} hold the accepted point.
   */
  boolean search(Evaluator eval, double[] x, double f0, double[] d, double slope0, double a0) {
    this.d = d;
    evaluations = 0;
    allSameValue = true;
    smallestStep = Double.POSITIVE_INFINITY;
    double aPrev = 0;
    double fPrev = f0;
    double dPrev = slope0;
    double a = a0;
    for (int i = 0; i < maxEvaluations; i++) {
      double fa = evalAt(eval, x, a, f0);
      double da = Vectors.dot(gNew, d);
      if (!(fa <= f0 + c1 * a * slope0) || (i > 0 && fa >= fPrev)) {
        return zoom(eval, x, f0, slope0, aPrev, fPrev, dPrev, a, fa, da, maxEvaluations - i - 1);
      }
      if (Math.abs(da) <= -c2 * slope0) {
        return accept(a, fa);
      }
      if (da >= 0) {
        return zoom(eval, x, f0, slope0, a, fa, da, aPrev, fPrev, dPrev, maxEvaluations - i - 1);
      }
      aPrev = a;
      fPrev = fa;
      dPrev = da;
      a = 2 * a;
    }
    return false;
  }

  private boolean zoom(Evaluator eval, double[] x, double f0, double slope0, double lo, double fLo, double dLo,
                       double hi, double fHi, double dHi, int budget) {
    for (int i = 0; i < budget; i++) {
      double a = cubicMinimiser(lo, fLo, dLo, hi, fHi, dHi);
      double width = Math.abs(hi - lo);
      // Safeguard: stay inside the middle 80% of the bracket, else bisect.
      if (!(Math.abs(a - lo) > 0.1 * width && Math.abs(a - hi) > 0.1 * width)) {
        a = 0.5 * (lo + hi);
      }
      if (width <= Math.ulp(Math.max(Math.abs(lo), Math.abs(hi))) * 4) {
        return false;
      }
      double fa = evalAt(eval, x, a, f0);
      double da = Vectors.dot(gNew, d);
      if (!(fa <= f0 + c1 * a * slope0) || fa >= fLo) {
        hi = a;
        fHi = fa;
        dHi = da;
      } else {
        if (Math.abs(da) <= -c2 * slope0) {
          return accept(a, fa);
        }
        if (da * (hi - lo) >= 0) {
          hi = lo;
          fHi = fLo;
          dHi = dLo;
        }
        lo = a;
        fLo = fa;
        dLo = da;
      }
    }
    return false;
  }

  private boolean accept(double a, double fa) {
    step = a;
    fNew = fa;
    return true;
  }

  /** Minimiser of the cubic interpolating (a,fa,da) and (b,fb,db) (N&amp;W eq. 3.59); NaN if none. */
  private static double cubicMinimiser(double a, double fa, double da, double b, double fb, double db) {
    if (!Double.isFinite(fb) || !Double.isFinite(db)) {
      return Double.NaN;
    }
    double d1 = da + db - 3 * (fa - fb) / (a - b);
    double disc = d1 * d1 - da * db;
    if (!(disc >= 0)) {
      return Double.NaN;
    }
    double d2 = Math.signum(b - a) * Math.sqrt(disc);
    return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
  }

  private double evalAt(Evaluator eval, double[] x, double a, double f0) {
    for (int i = 0; i < x.length; i++) {
      xNew[i] = x[i] + a * d[i];
    }
    double fa = eval.valueAndGradient(xNew, gNew);
    evaluations++;
    smallestStep = Math.min(smallestStep, a);
    if (fa != f0) {
      allSameValue = false;
    }
    return fa;
  }
}
