package org.optsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.optsweep.schedule.Schedules;
import org.optsweep.solver.Targets;

/**
 * A parsed and validated job file: studies, search method, replicates, targets, trace sampling.
 *
 * <p>Trials are never listed: {@link #trial(int, long)} decodes trial i of a study from i alone
 * (mixed radix for a grid; a stream seeded by (job seed, study, i) for random search), so a
 * 2⁴⁰-point grid costs nothing to validate and an executor can decode its own block.
 *
 * @param file        the job file as given
 * @param name        the job name
 * @param seed        the job seed
 * @param studies     the studies, in file order
 * @param method      {@code grid}, {@code random} or {@code sobol}
 * @param randomTrials number of trials per study for random and Sobol search
 * @param replicates  solves per trial
 * @param startJitter half-width of the box each replicate's start is drawn from around the start point
 * @param exactFirst  whether replicate 0 starts exactly at the start point
 * @param targets     distance and value-gap thresholds; the first of each is the headline target
 * @param tracePoints log-spaced trace samples per solve, 0 = none
 * @param traceReplicates how many replicates of each trial record a trace
 * @param tasksPerCore Spark tasks per core (more tasks balance uneven solve times)
 * @param trialsPerChunk trials per chunk: a chunk is one Spark job, committed as a whole; the unit
 *                    of progress and of {@code --resume}
 * @param resolved    the job as read, for job.json
 */
public record JobSpec(String file, String name, long seed, List<StudySpec> studies, String method,
                      long randomTrials, int replicates, double startJitter, boolean exactFirst, Targets targets,
                      int tracePoints, int traceReplicates, int tasksPerCore, long trialsPerChunk,
                      Map<String, Object> resolved) {

  /** Number of chunks the job's trials are split into. */
  public int chunks() {
    long n = totalTrials();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (n + trialsPerChunk - 1) / trialsPerChunk));
  }

  /** Number of trials of study s (grid: product of axis sizes). */
  public long trials(int s) {
    if (!method.equals("grid")) {
      return randomTrials;
    }
    long n = 1;
    for (Domain d : studies.get(s).space().values()) {
      n = Math.multiplyExact(n, d.gridSize());
    }
    return n;
  }

  /** Total trials over all studies. */
  public long totalTrials() {
    long n = 0;
    for (int s = 0; s < studies.size(); s++) {
      n = Math.addExact(n, trials(s));
    }
    return n;
  }

  /** Trials × replicates over all studies: the number of rows in runs/. */
  public long totalSolves() {
    return Math.multiplyExact(totalTrials(), (long) replicates);
  }

  /** The swept values of trial i of study s. */
  public Map<String, Object> values(int s, long i) {
    StudySpec st = studies.get(s);
    Map<String, Object> v = new LinkedHashMap<>();
    if (method.equals("grid")) {
      List<String> keys = new ArrayList<>(st.space().keySet());
      long rest = i;
      Object[] picked = new Object[keys.size()];
      // Mixed radix, last axis fastest, as nested loops written in file order would run.
      for (int k = keys.size() - 1; k >= 0; k--) {
        Domain d = st.space().get(keys.get(k));
        long size = d.gridSize();
        picked[k] = d.gridValue(rest % size);
        rest /= size;
      }
      for (int k = 0; k < keys.size(); k++) {
        v.put(keys.get(k), picked[k]);
      }
    } else if (method.equals("sobol")) {
      int d = st.space().size();
      SplittableRandom shiftStream = Seeds.stream(seed, Seeds.SOBOL, s);
      double[] shift = new double[d];
      for (int k = 0; k < d; k++) {
        shift[k] = shiftStream.nextDouble();
      }
      double[] u = d == 0 ? new double[0] : Sobol.point(d, i, shift);
      int k = 0;
      for (Map.Entry<String, Domain> e : st.space().entrySet()) {
        v.put(e.getKey(), e.getValue().at(u[k++]));
      }
    } else {
      SplittableRandom rng = Seeds.stream(seed, Seeds.TRIAL, s, i);
      for (Map.Entry<String, Domain> e : st.space().entrySet()) {
        v.put(e.getKey(), e.getValue().draw(rng));
      }
    }
    return v;
  }

  /**
   * Decodes trial i of study s and builds its solve configuration.
   *
   * @throws IllegalArgumentException if this combination of values is invalid
   */
  public Trial trial(int s, long i) {
    StudySpec st = studies.get(s);
    Map<String, Object> values = values(s, i);
    Map<String, Object> params = new LinkedHashMap<>(st.base());
    params.putAll(values);
    Object kindRaw = params.remove("schedule");
    String kind = kindRaw == null ? st.schedule() : String.valueOf(kindRaw);
    // A schedule parameter applies only to the kinds that declare it (lr0 to most, decay to exponential).
    var kindParams = Schedules.find(kind).params();
    params.keySet().removeIf(k -> k.startsWith("schedule.")
        && kindParams.stream().noneMatch(p -> p.name().equals(k.substring("schedule.".length()))));
    boolean scheduled = org.optsweep.solver.Solvers.find(st.solver()).usesSchedule();
    return new Trial(st, i, values, SolveSetup.of(st.objective(), st.solver(), scheduled ? kind : null, params));
  }

  /** The start point of replicate r of trial i of study s. */
  public double[] start(int s, long i, int r) {
    StudySpec.Start st = studies.get(s).start();
    if (st.point() != null && (r == 0 && exactFirst || startJitter == 0)) {
      return st.point().clone();
    }
    SplittableRandom rng = Seeds.stream(seed, Seeds.REPLICATE, s, i, r);
    int n = st.dimension();
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      double u = rng.nextDouble();
      x[k] = st.point() != null ? st.point()[k] + startJitter * (2 * u - 1)
          : st.min()[k] + (st.max()[k] - st.min()[k]) * u;
    }
    return x;
  }
}
