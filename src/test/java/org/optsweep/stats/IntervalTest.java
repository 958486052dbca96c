package org.optsweep.stats;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntervalTest {

  @Test
  void undefinedIsAllNanAndContainsNothing() {
    assertFalse(Interval.UNDEFINED.isDefined());
    assertFalse(Interval.UNDEFINED.contains(0.5));
    assertFalse(Interval.UNDEFINED.contains(Double.NaN));
  }

  @Test
  void infiniteBoundsAreAllowed() {
    Interval never = new Interval(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    assertTrue(never.isDefined());
    assertTrue(never.contains(Double.POSITIVE_INFINITY));
    assertTrue(new Interval(95, 20, Double.POSITIVE_INFINITY).contains(1e300));
  }

  @Test
  void boundsThatMissTheEstimateAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Interval(0.5, 0.6, 0.9));
    assertTrue(e.getMessage().contains("lower") && e.getMessage().contains("0.6"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Interval(0.5, 0.1, 0.4));
    assertTrue(e.getMessage().contains("upper"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new Interval(Double.NaN, 0.1, 0.4));
    assertTrue(e.getMessage().contains("estimate"), e.getMessage());
  }
}
