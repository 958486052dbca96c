package org.optsweep.solver;

import java.util.List;
import java.util.function.BiFunction;
import org.optsweep.param.Param;
import org.optsweep.param.Provider;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;

/**
 * Makes {@link Solver}s of one kind from validated settings. A jar adds its own solver the way it adds
 * an objective: list the class in {@code META-INF/services/org.optsweep.solver.SolverProvider}.
 */
public interface SolverProvider extends Provider {

  /** Whether the solver takes its step size from a learning-rate {@link Schedule}. */
  boolean usesSchedule();

  /** Whether the solver needs gradients (analytic or finite differences). */
  boolean usesGradient();

  /**
   * Builds a solver.
   *
   * @param settings validated against {@link #params()}
   * @param schedule the learning rate, or {@code null} when {@link #usesSchedule()} is false
   * @throws org.optsweep.param.InvalidParameterException when parameters contradict each other
   */
  Solver create(Settings settings, Schedule schedule);

  /** A provider made of its parts. */
  static SolverProvider of(String name, String description, List<? extends Param<?>> params, boolean usesSchedule,
                           boolean usesGradient, BiFunction<Settings, Schedule, Solver> factory) {
    return new Simple(name, description, List.copyOf(params), usesSchedule, usesGradient, factory);
  }

  /** The provider {@link #of} makes. */
  record Simple(String name, String description, List<Param<?>> params, boolean usesSchedule, boolean usesGradient,
                BiFunction<Settings, Schedule, Solver> factory) implements SolverProvider {
    @Override
    public Solver create(Settings settings, Schedule schedule) {
      return factory.apply(settings, schedule);
    }
  }
}
