package org.optsweep.gradient;

import java.util.List;
import java.util.Locale;

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

  /** Names as written in job files. */
  public static final List<String> NAMES = List.of("analytic", "central", "forward");

  /** The job-file name. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a job-file name ({@code central}). */
  public static GradientMethod parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}
