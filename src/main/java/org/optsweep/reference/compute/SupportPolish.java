package org.optsweep.reference.compute;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.optsweep.objective.Glm;

/**
 * Polishes a near-optimal point of a penalised GLM ({@link Glm}) to the precision of doubles: Newton's method
 * on its support with the signs fixed, plus an active-set correction of the support — the polish of
 * {@code /work/notes/mllib-mapping.md} §5, generalised.
 *
 * <p>With S the coordinates w_j ≠ 0 and s their signs, F restricted to {w_j = 0 off S, sign(w_S) = s} is
 * smooth: φ(w_S, b) = mean ℓ(z) + λ(1−α)/2‖w_S‖² + λα sᵀw_S, with Hessian
 * H = Aᵀ diag(ℓ''(z_i)) A / n + λ(1−α)·I on w_S (0 on b), A = [X_S, 1]. Each Newton step solves
 * H δ = −∇φ (Cholesky; a pseudo-inverse when H is singular), halves the step until F does not rise (least
 * squares takes the full step), and stops short of a zero crossing: a coordinate that would change sign is
 * set to 0 and leaves S. When Newton has converged on S, zero coordinates with |g_j| &gt; λα (the KKT
 * violators) enter S with sign −sign(g_j), and the next round starts. It ends when the KKT residual
 * ({@link Kkt}) meets the target, or stops improving. By convexity a point with a small KKT residual is
 * near the optimum, whatever the route: that residual is the certificate, not this procedure.
 */
final class SupportPolish {
  private SupportPolish() {}

  /** Newton steps per round at most. */
  static final int MAX_STEPS = 50;
  /** Support changes (rounds) at most. */
  static final int MAX_ROUNDS = 50;

  /**
   * The outcome.
   *
   * @param x      the best point found (smallest KKT residual)
   * @param kkt    its KKT residual
   * @param steps  Newton steps taken
   * @param rounds support changes made
   */
  record Result(double[] x, double kkt, int steps, int rounds) {}

  /**
   * @param f      the objective
   * @param start  the point to polish (MLlib's answer); not modified
   * @param target stop once the KKT residual is at most this
   */
  static Result polish(Glm f, double[] start, double target) {
    int p = f.features();
    int dim = f.dimension();
    double mu = f.l1Weight();
    double[] x = start.clone();
    double[] sign = new double[p];
    for (int j = 0; j < p; j++) {
      sign[j] = Math.signum(x[j]);
    }
    double[] g = new double[dim];
    double[] best = x.clone();
    double bestKkt = Kkt.residual(f, x);
    int steps = 0;
    int rounds = 0;
    for (; rounds <= MAX_ROUNDS && bestKkt > target; rounds++) {
      steps += newton(f, x, sign, g);
      double kkt = Kkt.residual(f, x);
      if (kkt < bestKkt) {
        bestKkt = kkt;
        best = x.clone();
      }
      if (bestKkt <= target) {
        break;
      }
      // Active set: zero coordinates whose gradient exceeds the L1 weight enter with the sign that lowers F.
      f.smoothGradient(x, g);
      boolean changed = false;
      for (int j = 0; j < p; j++) {
        if (x[j] == 0 && sign[j] == 0 && Math.abs(g[j]) > mu) {
          sign[j] = -Math.signum(g[j]);
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    return new Result(best, bestKkt, steps, rounds);
  }

  /** Newton on the support {sign ≠ 0} (and b); coordinates reaching 0 leave it. Returns the steps taken. */
  private static int newton(Glm f, double[] x, double[] sign, double[] g) {
    int p = f.features();
    int dim = f.dimension();
    double mu = f.l1Weight();
    double l2 = f.lambda() * (1 - f.alpha());
    double prevNorm = Double.POSITIVE_INFINITY;
    for (int step = 0; step < MAX_STEPS; step++) {
      int[] vars = variables(sign, p, f.intercept());
      int k = vars.length;
      if (k == 0) {
        return step;
      }
      f.smoothGradient(x, g);
      double[] grad = new double[k];
      double norm = 0;
      for (int a = 0; a < k; a++) {
        int j = vars[a];
        grad[a] = g[j] + (j < p ? mu * sign[j] : 0.0);
        norm = Math.max(norm, Math.abs(grad[a]));
      }
      // Converged on this support: the gradient no longer shrinks (the precision of doubles).
      if (norm == 0 || norm >= 0.5 * prevNorm) {
        return step;
      }
      prevNorm = norm;
      double[] delta = solve(hessian(f, x, vars, l2), grad);
      if (delta == null) {
        return step;
      }
      if (applyStep(f, x, sign, vars, delta, dim)) {
        prevNorm = Double.POSITIVE_INFINITY; // a coordinate left the support: a new problem
      }
    }
    return MAX_STEPS;
  }

  private static int[] variables(double[] sign, int p, boolean intercept) {
    int[] vars = new int[p + 1];
    int k = 0;
    for (int j = 0; j < p; j++) {
      if (sign[j] != 0) {
        vars[k++] = j;
      }
    }
    if (intercept) {
      vars[k++] = p;
    }
    return Arrays.copyOf(vars, k);
  }

  /** H = Aᵀ diag(ℓ'') A / n + λ(1−α) on the w part, A the columns {@code vars} (p = the intercept's 1s). */
  private static DMatrixRMaj hessian(Glm f, double[] x, int[] vars, double l2) {
    int k = vars.length;
    int p = f.features();
    double[][] m = f.matrix();
    int n = m.length;
    DMatrixRMaj h = new DMatrixRMaj(k, k);
    double[] a = new double[k];
    for (int i = 0; i < n; i++) {
      double[] row = m[i];
      double d = f.lossSecondDerivative(f.margin(x, i), row[p]) / n;
      for (int u = 0; u < k; u++) {
        a[u] = vars[u] == p ? 1.0 : row[vars[u]];
      }
      for (int u = 0; u < k; u++) {
        double du = d * a[u];
        for (int v = u; v < k; v++) {
          h.data[u * k + v] += du * a[v];
        }
      }
    }
    for (int u = 0; u < k; u++) {
      for (int v = 0; v < u; v++) {
        h.data[u * k + v] = h.data[v * k + u];
      }
      if (vars[u] != p) {
        h.data[u * k + u] += l2;
      }
    }
    return h;
  }

  /** δ = −H⁻¹ grad by Cholesky, or the pseudo-inverse when H is singular; {@code null} if neither works. */
  private static double[] solve(DMatrixRMaj h, double[] grad) {
    int k = grad.length;
    DMatrixRMaj rhs = new DMatrixRMaj(k, 1);
    for (int u = 0; u < k; u++) {
      rhs.data[u] = -grad[u];
    }
    DMatrixRMaj out = new DMatrixRMaj(k, 1);
    LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(k);
    if (!chol.setA(h.copy())) {
      LinearSolverDense<DMatrixRMaj> pinv = LinearSolverFactory_DDRM.pseudoInverse(true);
      if (!pinv.setA(h.copy())) {
        return null;
      }
      pinv.solve(rhs, out);
    } else {
      chol.solve(rhs, out);
    }
    for (double v : out.data) {
      if (!Double.isFinite(v)) {
        return null;
      }
    }
    return out.data;
  }

  /**
   * x += t·δ on {@code vars}, t ≤ 1 the largest step that crosses no zero (the first coordinate to reach 0
   * is set to 0 and leaves the support), halved while F rises.
   *
   * @return whether a coordinate left the support
   */
  private static boolean applyStep(Glm f, double[] x, double[] sign, int[] vars, double[] delta, int dim) {
    int p = f.features();
    double t = 1;
    int blocking = -1;
    for (int a = 0; a < vars.length; a++) {
      int j = vars[a];
      if (j < p && sign[j] * delta[a] < 0) {
        double reach = -x[j] / delta[a];
        if (reach < t) {
          t = reach;
          blocking = j;
        }
      }
    }
    double f0 = f.value(x);
    double[] trial = new double[dim];
    for (int halvings = 0; halvings < 60; halvings++) {
      System.arraycopy(x, 0, trial, 0, dim);
      for (int a = 0; a < vars.length; a++) {
        trial[vars[a]] += t * delta[a];
      }
      if (blocking >= 0 && halvings == 0) {
        trial[blocking] = 0.0;
      }
      // A sign that flips by rounding leaves the support instead.
      for (int a = 0; a < vars.length; a++) {
        int j = vars[a];
        if (j < p && Math.signum(trial[j]) != sign[j]) {
          trial[j] = 0.0;
        }
      }
      if (f.value(trial) <= f0 + 1e-15 * Math.abs(f0)) {
        break;
      }
      t /= 2;
      blocking = -1;
    }
    System.arraycopy(trial, 0, x, 0, dim);
    boolean left = false;
    for (int j = 0; j < p; j++) {
      if (x[j] == 0 && sign[j] != 0) {
        sign[j] = 0;
        left = true;
      }
    }
    return left;
  }
}
