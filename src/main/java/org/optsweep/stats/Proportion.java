package org.optsweep.stats;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.special.Erf;

/**
 * Confidence intervals for a success rate: k successes in n independent runs (binomial), the estimate being
 * k/n. Two intervals, both two-sided at a caller-given confidence (0.95 by default):
 * <ul>
 *   <li>{@link #wilson Wilson's score interval} (E. B. Wilson, "Probable inference, the law of succession,
 *   and statistical inference", JASA 22, 1927) — the report's default: close to nominal coverage and never
 *   degenerate at k = 0 or k = n, as Brown, Cai &amp; DasGupta recommend ("Interval estimation for a binomial
 *   proportion", Statistical Science 16(2), 2001);</li>
 *   <li>{@link #clopperPearson the Clopper–Pearson "exact" interval} (C. J. Clopper &amp; E. S. Pearson, "The use
 *   of confidence or fiducial limits illustrated in the case of the binomial", Biometrika 26(4), 1934) —
 *   conservative: coverage is at least the nominal level for every true rate.</li>
 * </ul>
 * Both agree with SciPy's {@code scipy.stats.binomtest(k, n).proportion_ci(confidence_level, method=
 * 'wilson' | 'exact')}. Both contain the estimate k/n (argued at each method). With n = 0 there is no
 * estimate: the result is {@link Interval#UNDEFINED} (NaN estimate and bounds), not an error, so that a
 * setting whose runs all failed to start still gets a row.
 */
public final class Proportion {
  private Proportion() {}

  /** The confidence level used when none is given: 0.95. */
  public static final double DEFAULT_CONFIDENCE = 0.95;

  /**
   * The two-sided standard normal quantile z = Φ⁻¹(1/2 + confidence/2) = √2·erf⁻¹(confidence); 1.959964 for
   * 0.95. Computed with commons-math3's {@link Erf#erfInv} (Giles 2010, "Approximating the erfinv function").
   */
  public static double z(double confidence) {
    Check.confidence(confidence);
    return Math.sqrt(2) * Erf.erfInv(confidence);
  }

  /** {@link #wilson(long, long, double)} at 0.95. */
  public static Interval wilson(long successes, long trials) {
    return wilson(successes, trials, DEFAULT_CONFIDENCE);
  }

  /**
   * Wilson's score interval: the set of rates p whose score test (p̂ − p)² ≤ z²·p(1 − p)/n accepts, solved
   * for p (Wilson 1927; the closed form as in Newcombe, Statistics in Medicine 17, 1998, method 3):
   * <pre>  centre = (k + z²/2) / (n + z²),   half = z·√(k(n − k)/n + z²/4) / (n + z²)</pre>
   * It contains p̂ = k/n because the score statistic is 0 there. k = 0 gives lower exactly 0, k = n upper
   * exactly 1 (the formula reaches them up to rounding); n = 0 gives {@link Interval#UNDEFINED}.
   *
   * @param successes  k, in [0, n]
   * @param trials     n ≥ 0
   * @param confidence two-sided level in (0, 1)
   * @return the rate k/n (a fraction in [0, 1]) and its bounds
   */
  public static Interval wilson(long successes, long trials, double confidence) {
    checkCounts(successes, trials);
    double z = z(confidence);
    if (trials == 0) {
      return Interval.UNDEFINED;
    }
    double k = successes;
    double n = trials;
    double z2 = z * z;
    double centre = (k + z2 / 2) / (n + z2);
    double half = z * Math.sqrt(k * (n - k) / n + z2 / 4) / (n + z2);
    double lower = successes == 0 ? 0 : Math.max(0, centre - half);
    double upper = successes == trials ? 1 : Math.min(1, centre + half);
    return new Interval(k / n, lower, upper);
  }

  /** {@link #clopperPearson(long, long, double)} at 0.95. */
  public static Interval clopperPearson(long successes, long trials) {
    return clopperPearson(successes, trials, DEFAULT_CONFIDENCE);
  }

  /**
   * The Clopper–Pearson exact interval, from the beta quantiles (α = 1 − confidence):
   * <pre>  lower = B⁻¹(α/2; k, n − k + 1),   upper = B⁻¹(1 − α/2; k + 1, n − k)</pre>
   * with lower = 0 for k = 0 and upper = 1 for k = n; at the other end those cases have the closed forms
   * (α/2)^(1/n) and 1 − (α/2)^(1/n), used instead of the numerical inverse. The beta quantiles come from
   * commons-math3's {@link BetaDistribution} (inverse CDF solved to 1e-15).
   *
   * <p>It contains p̂ = k/n: k is a median of Binomial(n, k/n), so at p = k/n both P(X ≥ k) and P(X ≤ k) are
   * at least 1/2 &gt; α/2, i.e. neither one-sided test rejects p̂.
   *
   * @param successes  k, in [0, n]
   * @param trials     n ≥ 0
   * @param confidence two-sided level in (0, 1)
   * @return the rate k/n (a fraction in [0, 1]) and its bounds; {@link Interval#UNDEFINED} for n = 0
   */
  public static Interval clopperPearson(long successes, long trials, double confidence) {
    checkCounts(successes, trials);
    Check.confidence(confidence);
    if (trials == 0) {
      return Interval.UNDEFINED;
    }
    double halfAlpha = (1 - confidence) / 2;
    long k = successes;
    long n = trials;
    double lower;
    if (k == 0) {
      lower = 0;
    } else if (k == n) {
      lower = Math.pow(halfAlpha, 1.0 / n);
    } else {
      lower = beta(k, n - k + 1).inverseCumulativeProbability(halfAlpha);
    }
    double upper;
    if (k == n) {
      upper = 1;
    } else if (k == 0) {
      upper = 1 - Math.pow(halfAlpha, 1.0 / n);
    } else {
      upper = beta(k + 1, n - k).inverseCumulativeProbability(1 - halfAlpha);
    }
    return new Interval((double) k / n, lower, upper);
  }

  private static BetaDistribution beta(double a, double b) {
    // No random generator: only the inverse CDF is used (the default constructor seeds a Well19937c).
    return new BetaDistribution(null, a, b, 1e-15);
  }

  private static void checkCounts(long successes, long trials) {
    Check.arg(trials >= 0, "trials", trials, "a count ≥ 0");
    if (!(successes >= 0 && successes <= trials)) {
      throw Check.bad("successes", successes, "a count in [0, trials = " + trials + "]");
    }
  }
}
