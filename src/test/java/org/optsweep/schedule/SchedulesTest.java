package org.optsweep.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each schedule against its formula worked by hand. */
class SchedulesTest {

  @Test
  void constant() {
    Schedule s = Schedules.create("constant", Map.of("lr0", 0.3));
    assertEquals(0.3, s.rate(1));
    assertEquals(0.3, s.rate(1_000_000));
  }

  @Test
  void piecewiseIsTheSeedsLr() {
    // def lr_(t): 1e-4 if t < 5, 1e-2 if t < 10, else 0.1
    Schedule s = Schedules.create("piecewise", Map.of("boundaries", List.of(5, 10), "values", List.of(1e-4, 1e-2, 0.1)));
    double[] expected = {1e-4, 1e-4, 1e-4, 1e-4, 1e-2, 1e-2, 1e-2, 1e-2, 1e-2, 0.1, 0.1};
    for (int t = 1; t <= expected.length; t++) {
      assertEquals(expected[t - 1], s.rate(t), "t=" + t);
    }
  }

  @Test
  void stepDecayLikeStepLr() {
    Schedule s = Schedules.create("step", Map.of("lr0", 1.0, "step_size", 3, "factor", 0.5));
    // t = 1..3 -> 1, 4..6 -> 0.5, 7 -> 0.25
    assertEquals(1.0, s.rate(3));
    assertEquals(0.5, s.rate(4));
    assertEquals(0.5, s.rate(6));
    assertEquals(0.25, s.rate(7));
  }

  @Test
  void exponentialStartsAtLr0() {
    Schedule s = Schedules.create("exponential", Map.of("lr0", 2.0, "decay", 0.5));
    assertEquals(2.0, s.rate(1));
    assertEquals(1.0, s.rate(2));
    assertEquals(2.0 / 1024, s.rate(11));
  }

  @Test
  void inverseTime() {
    Schedule s = Schedules.create("inverse_time", Map.of("lr0", 1.0, "decay_rate", 0.5));
    assertEquals(1.0, s.rate(1));
    assertEquals(1 / 1.5, s.rate(2), 1e-16);
    assertEquals(1 / 6.0, s.rate(11), 1e-16);
  }

  @Test
  void cosineAnnealsToLrMinOverThePeriod() {
    Schedule s = Schedules.create("cosine", Map.of("lr0", 1.0, "period", 4, "lr_min", 0.2));
    assertEquals(1.0, s.rate(1), 1e-16);
    // k = 2 of 4: cos(pi/2) = 0, halfway: 0.2 + 0.8/2
    assertEquals(0.6, s.rate(3), 1e-15);
    assertEquals(0.2, s.rate(5), 1e-16);
    assertEquals(0.2, s.rate(100), 1e-16);
  }

  @Test
  void warmupRampsLinearly() {
    Schedule s = Schedules.create("constant", Map.of("lr0", 1.0, "warmup", 4));
    assertEquals(0.25, s.rate(1));
    assertEquals(0.75, s.rate(3));
    assertEquals(1.0, s.rate(4));
    assertEquals(1.0, s.rate(5));
  }

  @Test
  void badParametersAreRefusedWithNameAndValue() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> Schedules.create("exponential", Map.of("lr0", -0.1)));
    assertTrue(e.getMessage().contains("lr0") && e.getMessage().contains("-0.1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Schedules.create("piecewise", Map.of("boundaries", List.of(5), "values", List.of(1.0))));
    assertTrue(e.getMessage().contains("values") && e.getMessage().contains("one more value"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Schedules.create("cosin", Map.of()));
    assertTrue(e.getMessage().contains("did you mean 'cosine'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Schedules.create("constant", Map.of("lr", 0.1)));
    assertTrue(e.getMessage().contains("did you mean 'lr0'"), e.getMessage());
  }
}
