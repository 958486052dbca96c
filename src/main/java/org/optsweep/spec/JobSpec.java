package org.optsweep.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.optsweep.schedule.Schedules;
import org.optsweep.search.RankingMetric;
import org.optsweep.search.RungPlan;
import org.optsweep.search.SearchMethod;
import org.optsweep.search.Seeds;
import org.optsweep.solver.Solvers;
import org.optsweep.solver.Targets;

/**
 * A parsed and validated job file: studies, search method, replicates, targets, trace sampling.
 *
 * <p>Trials are never listed: {@link #trial(int, long)} decodes trial i of a study from i alone
 * through the study's {@link SearchMethod}, so a 2⁴⁰-point grid costs nothing to validate and an
 * executor can decode its own block.
 *
 * @param file           the job file as given
 * @param name           the job name
 * @param seed           the job seed
 * @param studies        the studies, in file order
 * @param search         how trials are chosen
 * @param searchTrials   trials per study for random and Sobol search (0 for grid)
 * @param replicates     solves per trial
 * @param startJitter    half-width of the box each replicate's start is drawn from around the start point
 * @param exactFirst     whether replicate 0 starts exactly at the start point
 * @param targets        distance and value-gap thresholds; the first of each is the headline target
 * @param tracePoints    log-spaced trace samples per solve, 0 = none
 * @param traceReplicates how many replicates of each trial record a trace
 * @param tasksPerCore   Spark tasks per core (more tasks balance uneven solve times)
 * @param trialsPerChunk trials per chunk: a chunk is one Spark job, committed as a whole; the unit
 *                       of progress and of {@code --resume}
 * @param confirmTop     how many of each study's best settings are confirmed (0: no confirmation)
 * @param confirmReplicates fresh replicates per confirmed setting
 * @param dataFileMb     the largest data file read, in MiB
 * @param resolved       the job as read, for job.json
 * @param plans          for successive halving and Hyperband, each study's {@link RungPlan}; empty otherwise
 * @param metric         for successive halving and Hyperband, what a rung ranks its settings by; null otherwise
 */
public record JobSpec(String file, String name, long seed, List<StudySpec> studies, SearchMethod search,
                      long searchTrials, int replicates, double startJitter, boolean exactFirst, Targets targets,
                      int tracePoints, int traceReplicates, int tasksPerCore, long trialsPerChunk, int confirmTop,
                      int confirmReplicates, int dataFileMb, Map<String, Object> resolved, List<RungPlan> plans,
                      RankingMetric metric) {

  public JobSpec {
    plans = List.copyOf(plans);
  }

  /** This job with rung plans and a ranking metric (an adaptive search's). */
  JobSpec withPlans(List<RungPlan> plans, RankingMetric metric) {
    return new JobSpec(file, name, seed, studies, search, searchTrials, replicates, startJitter, exactFirst, targets,
        tracePoints, traceReplicates, tasksPerCore, trialsPerChunk, confirmTop, confirmReplicates, dataFileMb, resolved,
        plans, metric);
  }

  /** Whether trials run in rungs (successive halving, Hyperband). */
  public boolean adaptive() {
    return !plans.isEmpty();
  }

  /**
   * One rung level of an adaptive search in one study: rung {@code rung} of every bracket that has one, run as one
   * Spark job and committed as a whole like a chunk (brackets are independent, so their rungs of the same level run
   * together: a study's chunks are its plan's s_max + 1 levels however many brackets it repeats).
   *
   * @param chunk the chunk number
   * @param study the study's position
   * @param rung  the rung within each bracket (0 = the first)
   */
  public record RungRef(int chunk, int study, int rung) {
    /** The positions of the study's brackets that have this rung. */
    public List<Integer> brackets(JobSpec job) {
      List<RungPlan.Bracket> bs = job.plans().get(study).brackets();
      List<Integer> out = new java.util.ArrayList<>();
      for (int b = 0; b < bs.size(); b++) {
        if (bs.get(b).rungs().size() > rung) {
          out.add(b);
        }
      }
      return out;
    }

    /** The bracket at position {@code bracket} of the study's plan. */
    public RungPlan.Bracket bracket(JobSpec job, int bracket) {
      return job.plans().get(study).brackets().get(bracket);
    }

    /** This rung of bracket {@code bracket}. */
    public RungPlan.Rung of(JobSpec job, int bracket) {
      return bracket(job, bracket).rungs().get(rung);
    }

    /** Whether it is the bracket's last rung: every setting it runs ends there. */
    public boolean last(JobSpec job, int bracket) {
      return rung == bracket(job, bracket).rungs().size() - 1;
    }

    /** The settings this level runs, over its brackets. */
    public long settings(JobSpec job) {
      long n = 0;
      for (int b : brackets(job)) {
        n += of(job, b).settings();
      }
      return n;
    }
  }

  /** The rung levels of an adaptive search in the order they run (study, then rung): level k is chunk k. */
  public List<RungRef> rungs() {
    List<RungRef> out = new java.util.ArrayList<>();
    for (int s = 0; s < plans.size(); s++) {
      int levels = plans.get(s).brackets().stream().mapToInt(b -> b.rungs().size()).max().orElse(0);
      for (int k = 0; k < levels; k++) {
        out.add(new RungRef(out.size(), s, k));
      }
    }
    return out;
  }

  /** The search method's name ({@code grid}, {@code random}, {@code sobol}, {@code hyperband}, ...). */
  public String method() {
    return search.name();
  }

  /** Number of chunks the job's trials are split into (an adaptive search's: its rungs). */
  public int chunks() {
    if (adaptive()) {
      return rungs().size();
    }
    long n = totalTrials();
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (n + trialsPerChunk - 1) / trialsPerChunk));
  }

  /** Number of trials of study s. */
  public long trials(int s) {
    if (adaptive()) {
      return plans.get(s).settings();
    }
    return search.trials(studies.get(s).space(), searchTrials);
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
    if (adaptive()) {
      // A setting's rows are its replicates at the rung it stops at: n_i − n_{i+1} settings stop at rung i.
      long n = 0;
      for (RungPlan p : plans) {
        for (RungPlan.Bracket b : p.brackets()) {
          for (RungPlan.Rung r : b.rungs()) {
            n = Math.addExact(n, Math.multiplyExact(r.settings() - b.promoted(r.index()), (long) r.replicates()));
          }
        }
      }
      return n;
    }
    return Math.multiplyExact(totalTrials(), (long) replicates);
  }

  /**
   * Where a global trial index (0 … totalTrials − 1, the studies' trials one after another) falls.
   *
   * @param study the study's position
   * @param index the trial index within the study
   */
  public record TrialIndex(int study, long index) {}

  /** The study and the index within it of global trial {@code global}. */
  public TrialIndex locate(long global) {
    long i = global;
    for (int s = 0; s < studies.size(); s++) {
      long n = trials(s);
      if (i < n) {
        return new TrialIndex(s, i);
      }
      i -= n;
    }
    throw new IndexOutOfBoundsException("trial " + global + " of " + totalTrials());
  }

  /** The swept values of trial i of study s. */
  public Map<String, Object> values(int s, long i) {
    return search.values(studies.get(s).space(), seed, s, i);
  }

  /**
   * Decodes trial i of study s and builds its solve configuration.
   *
   * @throws org.optsweep.InputException if this combination of values is invalid
   */
  public Trial trial(int s, long i) {
    return trial(studies.get(s), i, values(s, i));
  }

  /**
   * Builds the trial of a study with the given swept values (fixed settings merged in; a schedule
   * parameter kept only for the kinds that declare it, so that lr0 reaches most kinds and decay only
   * the exponential one).
   */
  static Trial trial(StudySpec st, long i, Map<String, Object> values) {
    Map<String, Object> params = new LinkedHashMap<>(st.base());
    params.putAll(values);
    Object kindRaw = params.remove("schedule");
    String kind = kindRaw == null ? st.schedule() : String.valueOf(kindRaw);
    boolean scheduled = Solvers.find(st.solver()).usesSchedule();
    var kindParams = scheduled ? Schedules.find(kind).params() : List.<org.optsweep.param.Param<?>>of();
    params.keySet().removeIf(k -> k.startsWith("schedule.")
        && kindParams.stream().noneMatch(p -> p.name().equals(k.substring("schedule.".length()))));
    return new Trial(st, i, values, SolveSetup.of(st.objective(), st.solver(), scheduled ? kind : null, params));
  }

  /** The settings the confirmation stage re-runs in study s: its best {@link #confirmTop}, at most its trials. */
  public long confirmedTrials(int s) {
    return Math.min(confirmTop, trials(s));
  }

  /** Solves of the confirmation stage over all studies (0 without confirmation). */
  public long confirmSolves() {
    long n = 0;
    for (int s = 0; s < studies.size(); s++) {
      n = Math.addExact(n, Math.multiplyExact(confirmedTrials(s), (long) confirmReplicates));
    }
    return n;
  }

  /** The start point of replicate r of trial i of study s. */
  public double[] start(int s, long i, int r) {
    return start(s, i, r, false);
  }

  /**
   * The start point of replicate r of trial i of study s, in the search or the confirmation stage. A
   * confirmation replicate is always drawn (fresh: replicate 0 is not the exact start) from a stream
   * tagged for the confirmation, independent of the search's.
   */
  public double[] start(int s, long i, int r, boolean confirm) {
    StudySpec.Start st = studies.get(s).start();
    if (st.point() != null && (r == 0 && exactFirst && !confirm || startJitter == 0)) {
      return st.point().clone();
    }
    SplittableRandom rng = Seeds.stream(seed, confirm ? Seeds.CONFIRM : Seeds.REPLICATE, s, i, r);
    int n = st.dimension();
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      double u = rng.nextDouble();
      x[k] = st.point() != null ? st.point()[k] + startJitter * (2 * u - 1)
          : st.min()[k] + (st.max()[k] - st.min()[k]) * u;
    }
    return x;
  }

  /** Most distinct objective settings a study may have (each is built, and may need a reference, on the driver). */
  public static final int MAX_OBJECTIVE_SETTINGS = 10_000;

  /**
   * The distinct objective settings of a study: its fixed objective parameters with every combination
   * of the values of its swept ones. A distribution over an objective parameter has no finite set of
   * settings: refused for an objective whose optimum must be computed (it would be one per trial).
   */
  public static List<Map<String, Object>> objectiveSettings(StudySpec st) {
    Map<String, Object> base = new LinkedHashMap<>();
    st.base().forEach((k, v) -> {
      if (k.startsWith("objective.")) {
        base.put(k.substring("objective.".length()), v);
      }
    });
    List<Map<String, Object>> out = new java.util.ArrayList<>();
    out.add(base);
    for (Map.Entry<String, org.optsweep.search.Domain> e : st.space().domains().entrySet()) {
      if (!e.getKey().startsWith("objective.")) {
        continue;
      }
      String name = e.getKey().substring("objective.".length());
      org.optsweep.search.Domain d = e.getValue();
      if (d instanceof org.optsweep.search.Domain.Continuous) {
        Map<String, Object> probe = new LinkedHashMap<>(base);
        probe.put(name, d.at(0.5));
        if (org.optsweep.objective.Objectives.find(st.objective()).create(probe).referenceKey() != null) {
          throw new org.optsweep.InputException("study " + st.name() + ": parameters." + e.getKey() + " = " + d.describe()
              + ": a values list (each value of an objective parameter needs its own reference optimum, computed"
              + " before the trials; a distribution would need one per trial)");
        }
        continue;
      }
      List<Map<String, Object>> next = new java.util.ArrayList<>();
      for (Map<String, Object> m : out) {
        for (long k = 0; k < d.gridSize(); k++) {
          Map<String, Object> c = new LinkedHashMap<>(m);
          c.put(name, d.gridValue(k));
          next.add(c);
        }
      }
      if (next.size() > MAX_OBJECTIVE_SETTINGS) {
        throw new org.optsweep.InputException("study " + st.name() + ": more than " + MAX_OBJECTIVE_SETTINGS + " distinct objective settings");
      }
      out = next;
    }
    return out;
  }
}
