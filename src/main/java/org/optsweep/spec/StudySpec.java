package org.optsweep.spec;

import java.util.Map;
import org.optsweep.search.Space;

/**
 * One study of a job: one objective and one solver, with fixed settings and a parameter space.
 * Keys of {@link #base} and {@link #space} are qualified ({@code solver.gamma}, {@code schedule.lr0},
 * {@code objective.lambda}, {@code stopping.max_iterations}, {@code gradient.h}) or the schedule kind
 * itself ({@code schedule}).
 *
 * @param index     position in the job, 0-based
 * @param name      unique within the job
 * @param objective objective name
 * @param solver    solver name
 * @param schedule  default schedule kind (may be swept through the key {@code schedule})
 * @param base      fixed settings, qualified key → raw value
 * @param space     swept settings in declaration order, qualified key → domain
 * @param start     the start point or box
 */
public record StudySpec(int index, String name, String objective, String solver, String schedule,
                        Map<String, Object> base, Space space, Start start) {

  /**
   * Where solves start: a fixed point, or a box from which each replicate draws uniformly.
   *
   * @param point the fixed start, or {@code null}
   * @param min   lower corner of the box, or {@code null}
   * @param max   upper corner of the box, or {@code null}
   */
  public record Start(double[] point, double[] min, double[] max) {
    /** Dimension of the start. */
    public int dimension() {
      return point != null ? point.length : min.length;
    }

    /** For messages and job.json. */
    public Object describe() {
      return point != null ? java.util.Arrays.toString(point)
          : "uniform in box " + java.util.Arrays.toString(min) + " .. " + java.util.Arrays.toString(max);
    }
  }
}
