package org.optsweep.stats;

/** Argument checks shared by the package: one wording for every refusal. */
final class Check {
  private Check() {}

  /**
   * Throws unless {@code ok}: "argument NAME given invalid value VALUE: expected EXPECTED". The strings are
   * built before the call, so loops over elements use {@code if (bad) throw Check.bad(...)} instead.
   */
  static void arg(boolean ok, String name, Object value, String expected) {
    if (!ok) {
      throw new IllegalArgumentException(message(name, value, expected));
    }
  }

  /** The exception {@link #arg} throws, for checks inside loops (no message built unless it fails). */
  static IllegalArgumentException bad(String name, Object value, String expected) {
    return new IllegalArgumentException(message(name, value, expected));
  }

  static String message(String name, Object value, String expected) {
    return "argument " + name + " given invalid value " + value + ": expected " + expected;
  }

  static void notNull(Object value, String name) {
    arg(value != null, name, "null", "an array");
  }

  /** A confidence level strictly between 0 and 1. */
  static void confidence(double confidence) {
    arg(confidence > 0 && confidence < 1, "confidence", confidence, "a level in (0, 1), e.g. 0.95");
  }

  /** Two arrays of the same length. */
  static void sameLength(int expected, int actual, String name, String other) {
    if (actual != expected) {
      throw bad(name + ".length", actual, "the length of " + other + " (" + expected + ")");
    }
  }
}
