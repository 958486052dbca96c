package org.optsweep.gradient;

import java.util.List;
import java.util.Locale;
import org.optsweep.param.Param;

/**
 * How a solver obtains ∇f: the objective's analytic gradient, or finite differences.
 *
 * <p>Steps: with {@code h > 0}, the absolute step for every coordinate; with {@code h = 0} (the
 * default), scipy's relative step {@code h_i = r·max(1, |x_i|)} with r = ε^{1/3} ≈ 6.06e-6 for central
 * and r = ε^{1/2} ≈ 1.49e-8 for forward differences (scipy.optimize._numdiff), which balances
 * truncation and rounding error.
 */
public enum GradientMethod {
  /** The objective's own {@code gradient}; refused for objectives without one. */
  ANALYTIC,
  /** (f(x + h e_i) − f(x − h e_i)) / 2h: error O(h²), 2n evaluations of f. */
  CENTRAL,
  /** (f(x + h e_i) − f(x)) / h: error O(h), n + 1 evaluations of f. */
  FORWARD;

  /** Relative step used for central differences when h = 0: ε^{1/3}. */
  public static final double CENTRAL_RELATIVE_STEP = Math.cbrt(Math.ulp(1.0));
  /** Relative step used for forward differences when h = 0: ε^{1/2}. */
  public static final double FORWARD_RELATIVE_STEP = Math.sqrt(Math.ulp(1.0));

  /** How gradients are obtained: auto, analytic, central or forward; default auto. */
  public static final Param<String> METHOD = Param.choice("method", "auto",
      List.of("auto", "analytic", "central", "forward"), "analytic gradient, or central / forward finite "
          + "differences; auto = analytic where the objective has one, else central");
  /** The finite-difference step; 0 (default) = scipy's relative step (see the class comment). */
  public static final Param<Double> H = Param.nonNegative("h", 0,
      "finite-difference step; 0 = scipy's relative default eps^(1/3) or eps^(1/2) times max(1,|x_i|)");
  /** The gradient parameters ({@code gradient.method}, {@code gradient.h}) of every gradient solver. */
  public static final List<Param<?>> PARAMS = List.of(METHOD, H);

  /**
   * The method {@code method} (a {@link #METHOD} value) means for {@code objective}: auto is analytic
   * where the objective has a gradient, else central.
   */
  public static GradientMethod resolve(String method, org.optsweep.objective.Objective objective) {
    return method.equals("auto") ? (objective.hasGradient() ? ANALYTIC : CENTRAL) : parse(method);
  }

  /** The job-file name. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a job-file name ({@code central}). */
  public static GradientMethod parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}
