package org.optsweep.testplugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optsweep.objective.Objective;
import org.optsweep.objective.Objectives;

/** User objectives arrive through ServiceLoader and behave like built-ins; typos get a suggestion. */
class ServiceLoaderPluginTest {

  @Test
  void pluginIsFoundByName() {
    Objective f = Objectives.find("shifted_sphere").create(Map.of("dimension", 3, "shift", 2.5));
    assertEquals("shifted_sphere", f.name());
    assertArrayEquals(new double[] {2.5, 2.5, 2.5}, f.minimiser(), 0.0);
    // (0 − 2.5)² + (1 − 2.5)² + (2.5 − 2.5)² = 6.25 + 2.25 = 8.5
    assertEquals(8.5, f.value(new double[] {0, 1, 2.5}), 0.0);
    assertEquals(1.0, Objectives.find("shifted_sphere").create(Map.of()).minimiser()[0], 0.0,
        "default shift");
  }

  /** Built-ins come first in a stable order; plugins after them. */
  @Test
  void builtInsFirstThenPlugins() {
    List<String> names = Objectives.names();
    assertEquals(List.of("ackley", "rosenbrock", "rastrigin", "sphere", "quadratic", "ridge", "group_sparse",
        "autoencoder"), names.subList(0, 8));
    assertTrue(names.indexOf("shifted_sphere") >= 8, names.toString());
  }

  @Test
  void typoSuggestsClosestName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Objectives.find("ackly"));
    assertTrue(e.getMessage().contains("did you mean 'ackley'"), e.getMessage());
    assertTrue(e.getMessage().contains("shifted_sphere"), "lists known names, plugins included: " + e.getMessage());
  }
}
