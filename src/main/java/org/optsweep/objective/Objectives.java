package org.optsweep.objective;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.optsweep.param.Settings;

/** The registry of objectives: the built-ins, then any found by {@link ServiceLoader}. */
public final class Objectives {
  private Objectives() {}

  private static volatile Map<String, ObjectiveProvider> cache;

  /** Every known provider by name, built-ins first, in a stable order. */
  public static Map<String, ObjectiveProvider> all() {
    Map<String, ObjectiveProvider> m = cache;
    if (m == null) {
      m = new LinkedHashMap<>();
      for (ObjectiveProvider p : List.of(new Ackley.Provider(), new Rosenbrock.Provider(),
          new Rastrigin.Provider(), new Sphere.Provider(), new Quadratic.Provider(),
          new Ridge.Provider(), new GroupSparse.Provider(), new Autoencoder.Provider())) {
        m.put(p.name(), p);
      }
      // The context class loader sees jars added with --jars on executors.
      ClassLoader cl = Thread.currentThread().getContextClassLoader();
      for (ObjectiveProvider p : ServiceLoader.load(ObjectiveProvider.class,
          cl != null ? cl : Objectives.class.getClassLoader())) {
        m.putIfAbsent(p.name(), p);
      }
      m = Collections.unmodifiableMap(m);
      cache = m;
    }
    return m;
  }

  /**
   * The provider registered under {@code name}.
   *
   * @throws IllegalArgumentException naming the unknown name, the closest known one and all names
   */
  public static ObjectiveProvider find(String name) {
    ObjectiveProvider p = all().get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown objective '" + name + "'"
          + Settings.didYouMean(name, all().keySet()) + " (known: " + String.join(", ", all().keySet()) + ")");
    }
    return p;
  }

  private static final java.util.Set<String> BUILT_IN = java.util.Set.of("ackley", "rosenbrock", "rastrigin",
      "sphere", "quadratic", "ridge", "group_sparse", "autoencoder");

  /**
   * Whether {@code name} is one of optsweep's own objectives, which always return; a user's objective
   * may not, so its solves run under a watchdog when a time budget is set.
   */
  public static boolean isBuiltIn(String name) {
    return BUILT_IN.contains(name) && all().get(name).getClass().getName().startsWith("org.optsweep.objective.");
  }

  /** Names of every objective. */
  public static List<String> names() {
    return new ArrayList<>(all().keySet());
  }
}
