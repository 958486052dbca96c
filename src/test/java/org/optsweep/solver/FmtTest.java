package org.optsweep.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Fmt#g} against the JDK's own {@code %.<p>g}: the reference is java.util.Formatter. */
class FmtTest {
  private static void same(double v, int p) {
    assertEquals(String.format(Locale.ROOT, "%." + p + "g", v), Fmt.g(v, p), () -> "v = " + v + ", p = " + p);
  }

  @Test
  void randomMagnitudes() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 300_000; i++) {
      double v = Math.pow(10, rng.nextDouble(-20, 20)) * (rng.nextBoolean() ? 1 : -1);
      same(v, 3);
      same(v, 6);
      same(v, 1 + rng.nextInt(15));
    }
  }

  @Test
  void shortDecimalsTiesAndPowersOfTen() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      // Few-digit decimals: exact ties in decimal (0.125, 9.995, 2.5e-5) that are not ties in binary.
      long digits = rng.nextLong(1, 100_000);
      int exp = rng.nextInt(-12, 12);
      double v = Double.parseDouble(digits + "e" + exp);
      same(v, 3);
      same(v, 2);
      same(v, 6);
    }
    for (int k = -18; k <= 18; k++) {
      double p = Double.parseDouble("1e" + k);
      for (double v : new double[] {p, Math.nextUp(p), Math.nextDown(p), 9.999 * p, 9.9995 * p, 0.99995 * p}) {
        for (int prec = 1; prec <= 8; prec++) {
          same(v, prec);
        }
      }
    }
  }

  @Test
  void specialValues() {
    for (double v : new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, Double.MAX_VALUE, 1e-4, 9.9995e-5, 1e-5, 123456.0, 999.5, 999.4999, 1e15, 1e-15}) {
      same(v, 3);
      same(v, 6);
    }
  }
}
