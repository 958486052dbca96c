package org.optsweep.schedule;

import org.optsweep.param.Provider;
import org.optsweep.param.Settings;

/**
 * Makes {@link Schedule}s of one kind. A jar adds its own kinds the way it adds objectives: list the
 * class in {@code META-INF/services/org.optsweep.schedule.ScheduleProvider}.
 */
public interface ScheduleProvider extends Provider {

  /**
   * Builds the schedule.
   *
   * @param settings validated against {@link #params()}
   * @throws org.optsweep.param.InvalidParameterException when parameters contradict each other
   */
  Schedule create(Settings settings);
}
