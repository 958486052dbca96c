package org.optsweep.spark;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.optsweep.output.ChunkCommit;
import org.optsweep.output.Output;
import org.optsweep.output.Rungs;
import org.optsweep.search.Promotion;
import org.optsweep.search.RankingMetric;
import org.optsweep.search.RungPlan;
import org.optsweep.spec.JobSpec;
import scala.Tuple2;

/**
 * The driver's side of a rung of successive halving or Hyperband: which settings it runs (a bracket's first rung:
 * all of the bracket's; later: the previous rung's best by the job's {@link RankingMetric}, read back from that
 * rung's committed {@code rungs/} rows) and which it finishes (the rest of the previous rung's), then one Spark job
 * ({@link RungTask}) that brings each setting's previous rows to the task that continues it. The promotion is
 * computed from the stored rows on every run, resumed or not, so a resumed run promotes exactly the same settings.
 */
final class RungRunner {
  private RungRunner() {}

  /** Runs rung {@code ref}; the tasks write and commit their files. */
  static List<ChunkTask.Result> run(SparkSession spark, JavaSparkContext jsc, JobSpec job, String jobText, Output out,
                                    JobSpec.RungRef ref, int cores, LongAccumulator done, ChunkCommit commit,
                                    ChunkTask.Target target) {
    String study = job.studies().get(ref.study()).name();
    List<RungTask.Work> works = new ArrayList<>();
    JavaPairRDD<String, Row> prev;
    if (ref.rung() == 0) {
      for (int b : ref.brackets(job)) {
        RungPlan.Bracket bracket = ref.bracket(job, b);
        for (long p = 0; p < bracket.settings(); p++) {
          works.add(new RungTask.Work(b, bracket.trial(p), true));
        }
      }
      prev = JavaPairRDD.fromJavaRDD(jsc.emptyRDD());
    } else {
      var rows = spark.read().parquet(out.uri(Rungs.NAME + "/chunk=" + (ref.chunk() - 1)));
      // Per bracket, per trial, per replicate: {value gap, distance, success}.
      Map<Integer, Map<Long, List<double[]>>> byBracket = new TreeMap<>();
      for (Row r : rows.select("bracket", "trial", "value_gap", "distance", "success").collectAsList()) {
        byBracket.computeIfAbsent(r.getInt(0), k -> new TreeMap<>()).computeIfAbsent(r.getLong(1),
            k -> new ArrayList<>()).add(new double[] {r.getDouble(2), r.getDouble(3), r.getBoolean(4) ? 1 : 0});
      }
      for (var e : byBracket.entrySet()) {
        RungPlan.Bracket bracket = ref.bracket(job, e.getKey());
        if (bracket.rungs().size() <= ref.rung()) {
          continue; // the previous rung was its last: its settings ended there
        }
        Set<Long> go = survivors(e.getValue(), job.metric(), bracket.promoted(ref.rung() - 1));
        for (long t : e.getValue().keySet()) {
          works.add(new RungTask.Work(e.getKey(), t, go.contains(t)));
        }
      }
      prev = rows.javaRDD().mapToPair(r -> new Tuple2<>(RungTask.Work.key(r.getAs("study"), r.<Long>getAs("trial")),
          r));
    }
    int tasks = (int) Math.max(1, Math.min(works.size(), (long) cores * job.tasksPerCore()));
    JavaPairRDD<String, RungTask.Work> keyed = jsc.parallelize(works, tasks)
        .mapToPair(w -> new Tuple2<>(RungTask.Work.key(study, w.trial()), w));
    jsc.setJobGroup("optsweep-chunk-" + ref.chunk(), "optsweep " + job.name() + " " + study + " rung " + ref.rung(),
        false);
    List<ChunkTask.Result> results = keyed.cogroup(prev, new HashPartitioner(tasks))
        .mapPartitions(new RungTask(job.file(), jobText, ref, cores, done, commit, target)).collect();
    if (results.size() != tasks || results.stream().mapToInt(ChunkTask.Result::task).distinct().count() != tasks) {
      throw new IllegalStateException("rung chunk " + ref.chunk() + ": " + results.size()
          + " task results, expected one from each of " + tasks + " tasks");
    }
    return results;
  }

  /**
   * The settings that go on: the best {@code keep} by {@code metric} over their replicates (value gap or distance
   * by the median, success by the share), ties to the lower trial.
   *
   * @param byTrial per trial, per replicate {value gap, distance, success as 1 or 0}
   */
  static Set<Long> survivors(Map<Long, List<double[]>> byTrial, RankingMetric metric, long keep) {
    int column = switch (metric) {
      case VALUE_GAP -> 0;
      case DISTANCE -> 1;
      case SUCCESS -> 2;
    };
    long[] trials = new long[byTrial.size()];
    double[] scores = new double[trials.length];
    int k = 0;
    for (var e : byTrial.entrySet()) {
      double[] v = new double[e.getValue().size()];
      for (int r = 0; r < v.length; r++) {
        v[r] = e.getValue().get(r)[column];
      }
      trials[k] = e.getKey();
      scores[k++] = metric.score(v);
    }
    Set<Long> out = new HashSet<>();
    for (long t : Promotion.survivors(trials, scores, metric, keep)) {
      out.add(t);
    }
    return out;
  }
}
