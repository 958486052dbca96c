package org.optsweep.objective;

import org.optsweep.param.Provider;
import org.optsweep.param.Settings;

/**
 * Makes {@link Objective}s of one kind from validated {@link Settings}.
 *
 * <p>This is also the extension point for users' own objectives: implement it (or use
 * {@link SimpleProvider}), list the class in {@code META-INF/services/org.optsweep.objective.ObjectiveProvider}
 * inside a jar, and pass the jar with {@code --jars} (Spark) or put it on the classpath (local runs).
 * {@link Objectives#find} then knows the name. Job files can name only registered providers, never a class.
 * Schedules ({@code org.optsweep.schedule.ScheduleProvider}) and solvers
 * ({@code org.optsweep.solver.SolverProvider}) are added the same way.
 */
public interface ObjectiveProvider extends Provider {

  /**
   * Builds one instance (cheap: data files are read once per JVM and shared, see {@link DataCache}).
   * The parameters must include {@code dimension} if n is free.
   *
   * @throws IllegalArgumentException when the settings cannot make an objective (a data file
   *     that does not exist, a shape mismatch), with the parameter and value in the message
   */
  Objective create(Settings settings);

  /** Validates raw settings against {@link #params()} and builds an instance. */
  default Objective create(java.util.Map<String, ?> raw) {
    return create(Settings.of("objective " + name(), params(), raw));
  }
}
