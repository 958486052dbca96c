package org.optsweep.objective;

import org.optsweep.param.Param;

/** Shared pieces of the closed-form test functions. */
final class TestFunctions {
  private TestFunctions() {}

  static final int MAX_DIMENSION = 1_000_000;

  static Param<Integer> dimension(int def) {
    return Param.integer("dimension", def, 1, MAX_DIMENSION, "number of variables n");
  }
}
