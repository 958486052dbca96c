package org.optsweep.solver;

import java.util.List;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.schedule.Schedule;

/** Makes {@link Solver}s of one kind from validated settings. */
public interface SolverProvider {

  /** The name used in job files. */
  String name();

  /** One line: the update rule and its reference. */
  String description();

  /** The solver's own hyperparameters (the learning rate comes from the schedule). */
  List<Param> params();

  /** Whether the solver takes its step size from a learning-rate {@link Schedule}. */
  boolean usesSchedule();

  /** Whether the solver needs gradients (analytic or finite differences). */
  boolean usesGradient();

  /**
   * Builds a solver.
   *
   * @param settings validated against {@link #params()}
   * @param schedule the learning rate, or {@code null} when {@link #usesSchedule()} is false
   */
  Solver create(Settings settings, Schedule schedule);
}
