package org.optsweep.solver;

/** The few vector operations the solvers share, on plain arrays, allocation-free. */
final class Vectors {
  private Vectors() {}

  /** aᵀb. */
  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** y ← y + αx, in place. */
  static void axpy(double alpha, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += alpha * x[i];
    }
  }

  /** max |g_i|. */
  static double normInf(double[] g) {
    double m = 0;
    for (double v : g) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
