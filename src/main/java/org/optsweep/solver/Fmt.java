package org.optsweep.solver;

import java.util.Locale;

/**
 * {@code String.format(Locale.ROOT, "%.<p>g", v)} without {@link java.util.Formatter}: a solve's
 * reason holds one or two such numbers, and at hundreds of thousands of solves a second the
 * formatter (parsing the pattern, locale lookups, big-integer digit generation) was a visible share
 * of a Spark task's time. The output is the formatter's, character for character; values whose
 * rounding is too close to call in double arithmetic, and magnitudes outside 1e-15..1e15, are handed
 * to the formatter itself.
 */
final class Fmt {
  private Fmt() {}

  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  /** {@code v} formatted as {@code %.<precision>g} in Locale.ROOT, for 1 ≤ precision ≤ 15. */
  static String g(double v, int precision) {
    double a = Math.abs(v);
    if (!(a >= 1e-15 && a < 1e15) || precision < 1 || precision > 15) {
      return slow(v, precision);
    }
    int e = (int) Math.floor(Math.log10(a));
    if (Math.abs(precision - 1 - e) > 21) {
      return slow(v, precision);
    }
    // log10 can be one off next to a power of ten: settle the exponent on the scaled value.
    double scaled = scale(a, precision - 1 - e);
    if (scaled >= POW10[precision]) {
      e++;
      scaled = scale(a, precision - 1 - e);
    } else if (scaled < POW10[precision - 1]) {
      e--;
      scaled = scale(a, precision - 1 - e);
    }
    double floor = Math.floor(scaled);
    double frac = scaled - floor;
    // The formatter rounds half-up on the shortest decimal form of v; away from a tie, that and the
    // nearest integer to the (slightly inexact) scaled value agree.
    if (Math.abs(frac - 0.5) < 1e-6 + 8 * Math.ulp(scaled) || !(scaled < POW10[precision] && scaled >= POW10[precision - 1])) {
      return slow(v, precision);
    }
    long digits = (long) floor + (frac > 0.5 ? 1 : 0);
    if (digits == (long) POW10[precision]) {
      digits /= 10;
      e++;
    }
    String d = Long.toString(digits);
    StringBuilder sb = new StringBuilder(precision + 8);
    if (v < 0) {
      sb.append('-');
    }
    if (e >= -4 && e < precision) {
      // Plain notation with precision significant digits.
      if (e >= 0) {
        sb.append(d, 0, e + 1);
        if (e + 1 < precision) {
          sb.append('.').append(d, e + 1, precision);
        }
      } else {
        sb.append("0.");
        for (int i = -1; i > e; i--) {
          sb.append('0');
        }
        sb.append(d);
      }
    } else {
      sb.append(d.charAt(0));
      if (precision > 1) {
        sb.append('.').append(d, 1, precision);
      }
      sb.append(e < 0 ? "e-" : "e+");
      int ae = Math.abs(e);
      if (ae < 10) {
        sb.append('0');
      }
      sb.append(ae);
    }
    return sb.toString();
  }

  private static double scale(double a, int k) {
    return k >= 0 ? a * POW10[k] : a / POW10[-k];
  }

  private static String slow(double v, int precision) {
    return String.format(Locale.ROOT, "%." + precision + "g", v);
  }
}
