package org.optsweep.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.optsweep.InputException;
import org.optsweep.objective.Objective;
import org.optsweep.output.ChunkCommit;
import org.optsweep.output.ParquetRows;
import org.optsweep.output.Rungs;
import org.optsweep.output.SolveRecord;
import org.optsweep.output.TaskOutput;
import org.optsweep.search.RungPlan;
import org.optsweep.solver.SolveSegment;
import org.optsweep.solver.SolverState;
import org.optsweep.solver.StopTest;
import org.optsweep.spec.JobSpec;
import scala.Tuple2;

/**
 * One Spark task of a rung of an adaptive search. Its input is a set of settings, each with the rows the previous
 * rung wrote for it ({@code rungs/}, empty at a bracket's first rung), and what to do with it:
 * <ul>
 *   <li><b>run</b> (the rung's settings): each replicate continues from its paused state, or starts (a first rung,
 *       or a replicate the growth adds), and pauses at the rung's budget; a replicate that had ended is carried as
 *       it was. Every replicate's result and state go to {@code rungs/}; at the bracket's last rung the setting
 *       ends, and its rows go to {@code runs/}, {@code traces/} and {@code summary/};</li>
 *   <li><b>finish</b> (the settings the previous rung did not promote): their rows at that rung, read back, go to
 *       {@code runs/}, {@code traces/} and {@code summary/} as a plain search writes them, with the rung they
 *       stopped at.</li>
 * </ul>
 * A continued solve is bit-identical to an uninterrupted one ({@code Solver.solve(request, state, pauseAt)}), so
 * where the work is split, and whether a run was resumed between rungs, changes no number.
 */
final class RungTask implements FlatMapFunction<Iterator<Tuple2<String, Tuple2<Iterable<RungTask.Work>,
    Iterable<Row>>>>, ChunkTask.Result> {
  private static final long serialVersionUID = 1L;

  /**
   * A setting's part in a rung.
   *
   * @param bracket the bracket's position in the study's plan
   * @param trial   the trial index within the study
   * @param run     true to run it at this rung, false to finish it at the previous rung
   */
  record Work(int bracket, long trial, boolean run) implements Serializable {
    static String key(String study, long trial) {
      return study + "/" + trial;
    }
  }

  private final String jobFile;
  private final String jobText;
  private final int chunk;
  private final int rung;
  private final int study;
  private final int cores;
  private final LongAccumulator settingsDone;
  private final ChunkCommit commit;
  private final ChunkTask.Target target;

  RungTask(String jobFile, String jobText, JobSpec.RungRef ref, int cores, LongAccumulator settingsDone,
           ChunkCommit commit, ChunkTask.Target target) {
    this.jobFile = jobFile;
    this.jobText = jobText;
    this.chunk = ref.chunk();
    this.rung = ref.rung();
    this.study = ref.study();
    this.cores = cores;
    this.settingsDone = settingsDone;
    this.commit = commit;
    this.target = target;
  }

  @Override
  public Iterator<ChunkTask.Result> call(Iterator<Tuple2<String, Tuple2<Iterable<Work>, Iterable<Row>>>> in)
      throws Exception {
    target.prepared().value().install();
    ChunkTask.Parsed parsed = ChunkTask.parsed(jobFile, jobText);
    JobSpec job = parsed.job();
    JobSpec.RungRef ref = new JobSpec.RungRef(chunk, study, rung);
    TaskContext task = TaskContext.get();
    String executor = SparkEnv.get() == null ? null : SparkEnv.get().executorId();
    TaskOutput files = new TaskOutput(commit, new org.apache.hadoop.conf.Configuration(target.hadoop().value().value()),
        ParquetRows.codec(target.codec()), task.partitionId(), task.attemptNumber(), cores);
    try {
      TrialWriter w = new TrialWriter(job, parsed.tables(), files, executor, SolveRecord.SEARCH, chunk,
          target.sparkVersion());
      // In trial order: the files' rows do not depend on the order the shuffle delivered them in.
      List<Tuple2<Work, Map<Integer, Row>>> settings = new ArrayList<>();
      while (in.hasNext()) {
        var group = in.next();
        Map<Integer, Row> prev = new TreeMap<>();
        group._2()._2().forEach(r -> prev.put(r.<Integer>getAs("replicate"), r));
        for (Work work : group._2()._1()) {
          settings.add(new Tuple2<>(work, prev));
        }
      }
      settings.sort(Comparator.comparingLong(t -> t._1().trial()));
      ParquetWriter<Object[]> rungs = files.writer(Rungs.NAME + "/chunk=" + chunk, Rungs.table(), target.sparkVersion());
      for (var s : settings) {
        task.killTaskIfInterrupted();
        if (s._1().run()) {
          run(w, rungs, job, ref, s._1().bracket(), s._1().trial(), s._2());
          settingsDone.add(1);
        } else {
          finish(w, job, ref, s._1().bracket(), s._1().trial(), s._2());
        }
      }
      FileCommitProtocol.TaskCommitMessage message = files.commit();
      return List.of(new ChunkTask.Result(task.partitionId(), message, w.rows, w.iterations, w.trials, w.best()))
          .iterator();
    } catch (Exception | Error e) {
      files.abort(e);
      throw e;
    }
  }

  /** Runs every replicate of a setting to the rung's budget. */
  private void run(TrialWriter w, ParquetWriter<Object[]> rungs, JobSpec job, JobSpec.RungRef ref, int bracket,
                   long i, Map<Integer, Row> prev) throws IOException {
    RungPlan.Rung at = ref.of(job, bracket);
    boolean last = ref.last(job, bracket);
    SolveRecord.RungAt where = new SolveRecord.RungAt(bracket, rung, at.iterations());
    TrialWriter.Setting st = w.begin(study, i);
    for (int r = 0; r < at.replicates(); r++) {
      Row p = prev.get(r);
      double[] start = job.start(study, i, r, false);
      SolveRecord rec;
      SolverState next = null;
      if (st == null) {
        rec = w.notRun(study, i, r, null, null, w.invalid());
      } else {
        Objective f = st.setup().objective();
        SolverState from = p == null ? null : Rungs.state(p);
        if (p != null && from == null) {
          // It ended at an earlier rung (converged, diverged, out of budget): carried as it is.
          rec = carried(w, st, i, r, start, p);
        } else {
          try {
            var req = st.setup().request(f, start, st.targets(), r < job.traceReplicates() ? job.tracePoints() : 0);
            SolveSegment seg = st.setup().solver().solve(req, from, at.iterations());
            rec = w.record(st, r, start, seg.result(), f);
            next = seg.state();
          } catch (InputException e) {
            rec = w.notRun(study, i, r, st.setup().scheduleName(), st.hyper(), e.getMessage());
          }
        }
      }
      rec = rec.at(where);
      rungs.write(Rungs.table().row(new Rungs.Entry(rec, bracket, rung, at.iterations(), next)));
      if (last) {
        w.write(rec);
      }
    }
    if (last) {
      w.summary();
    }
  }

  /** A replicate's record as a previous rung stored it. */
  private SolveRecord carried(TrialWriter w, TrialWriter.Setting st, long i, int r, double[] start, Row p) {
    if (StopTest.COULD_NOT_RUN.key().equals(p.getAs("stop_test"))) {
      return w.notRun(study, i, r, st.setup().scheduleName(), st.hyper(), p.getAs("stop_detail"));
    }
    return w.record(st, r, start, Rungs.result(p), st.setup().objective());
  }

  /** Writes a setting the previous rung did not promote, as it stood there. */
  private void finish(TrialWriter w, JobSpec job, JobSpec.RungRef ref, int bracket, long i, Map<Integer, Row> prev)
      throws IOException {
    RungPlan.Rung before = ref.bracket(job, bracket).rungs().get(rung - 1);
    SolveRecord.RungAt where = new SolveRecord.RungAt(bracket, rung - 1, before.iterations());
    TrialWriter.Setting st = w.begin(study, i);
    for (Map.Entry<Integer, Row> e : prev.entrySet()) {
      int r = e.getKey();
      double[] start = job.start(study, i, r, false);
      SolveRecord rec = st == null ? w.notRun(study, i, r, null, null, w.invalid())
          : carried(w, st, i, r, start, e.getValue());
      w.write(rec.at(where));
    }
    w.summary();
  }
}
