package org.optsweep.solver;

import java.util.List;
import java.util.Map;
import org.optsweep.param.Registry;
import org.optsweep.schedule.Schedule;

/** The solvers by name: the built-ins, then any a jar registers (see {@link SolverProvider}). */
public final class Solvers {
  private Solvers() {}

  private static final Registry<SolverProvider> REGISTRY = new Registry<>("solver", SolverProvider.class,
      List.of(GradientDescent.PROVIDER, Momentum.PROVIDER, Nag.PROVIDER, Adam.PROVIDER, Adagrad.PROVIDER,
          RmsProp.PROVIDER, Lbfgs.PROVIDER, NelderMead.PROVIDER, ProximalGradient.ISTA, ProximalGradient.FISTA, Owlqn.PROVIDER));

  /** Every solver by name, built-ins first. */
  public static Map<String, SolverProvider> all() {
    return REGISTRY.all();
  }

  /** Names of every solver. */
  public static List<String> names() {
    return REGISTRY.names();
  }

  /** The solver called {@code name}, or an {@link org.optsweep.InputException} with a did-you-mean. */
  public static SolverProvider find(String name) {
    return REGISTRY.find(name);
  }

  /** Validates raw settings and builds solver {@code name}. */
  public static Solver create(String name, Map<String, ?> raw, Schedule schedule) {
    return find(name).create(REGISTRY.settings(name, raw), schedule);
  }
}
