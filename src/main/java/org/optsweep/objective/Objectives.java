package org.optsweep.objective;

import java.util.List;
import java.util.Map;
import org.optsweep.param.Registry;

/** The objectives by name: the built-ins, then any a jar registers (see {@link ObjectiveProvider}). */
public final class Objectives {
  private Objectives() {}

  private static final Registry<ObjectiveProvider> REGISTRY = new Registry<>("objective", ObjectiveProvider.class,
      List.of(Ackley.PROVIDER, Rosenbrock.PROVIDER, Rastrigin.PROVIDER, Sphere.PROVIDER, Quadratic.PROVIDER,
          Ridge.PROVIDER, GroupSparse.PROVIDER, Autoencoder.PROVIDER, ElasticNet.PROVIDER, Logistic.PROVIDER));

  /** Every objective by name, built-ins first. */
  public static Map<String, ObjectiveProvider> all() {
    return REGISTRY.all();
  }

  /** The objective called {@code name}, or an {@link org.optsweep.InputException} with a did-you-mean. */
  public static ObjectiveProvider find(String name) {
    return REGISTRY.find(name);
  }

  /** Names of every objective. */
  public static List<String> names() {
    return REGISTRY.names();
  }

  /**
   * Whether {@code name} is one of optsweep's own objectives, which always return; a user's objective
   * may not, so its solves run under a watchdog when a time budget is set.
   */
  public static boolean isBuiltIn(String name) {
    return REGISTRY.isBuiltIn(name);
  }
}
