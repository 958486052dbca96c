package org.optsweep.solver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;

/** The registry of solvers, by name. */
public final class Solvers {
  private Solvers() {}

  private static final Map<String, SolverProvider> ALL;

  static {
    Map<String, SolverProvider> m = new LinkedHashMap<>();
    for (SolverProvider p : List.of(GradientDescent.PROVIDER, Momentum.PROVIDER, Nag.PROVIDER, Adam.PROVIDER,
        Adagrad.PROVIDER, RmsProp.PROVIDER, Lbfgs.PROVIDER, NelderMead.PROVIDER)) {
      m.put(p.name(), p);
    }
    ALL = Collections.unmodifiableMap(m);
  }

  /** Every solver by name, in a stable order. */
  public static Map<String, SolverProvider> all() {
    return ALL;
  }

  /** Names of every solver. */
  public static List<String> names() {
    return new ArrayList<>(ALL.keySet());
  }

  /** The provider called {@code name}, or an error with a did-you-mean and the known names. */
  public static SolverProvider find(String name) {
    SolverProvider p = ALL.get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown solver '" + name + "'" + Settings.didYouMean(name, ALL.keySet())
          + " (known: " + String.join(", ", ALL.keySet()) + ")");
    }
    return p;
  }

  /** Validates raw settings and builds solver {@code name}. */
  public static Solver create(String name, Map<String, ?> raw, Schedule schedule) {
    SolverProvider p = find(name);
    return p.create(Settings.of("solver " + name, p.params(), raw), schedule);
  }
}
