package org.optsweep.objective;

import java.util.List;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;

/**
 * Makes {@link Objective}s of one kind from validated {@link Settings}.
 *
 * <p>This is also the extension point for users' own objectives: implement it, list the class in
 * {@code META-INF/services/org.optsweep.objective.ObjectiveProvider} inside a jar, and pass the jar with
 * {@code --jars} (Spark) or put it on the classpath (local runs). {@link Objectives#find} then knows
 * the name. Job files can name only registered providers, never a class.
 */
public interface ObjectiveProvider {

  /** The name used in job files ({@code ackley}); lower case, unique. */
  String name();

  /** One line: the formula and where the known optimum comes from. */
  String description();

  /** Every parameter, with default, range and doc. Must include {@code dimension} if n is free. */
  List<Param> params();

  /**
   * Builds one instance (cheap: data files are read once per JVM and shared, see {@link DataCache}).
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
