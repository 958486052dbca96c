package org.optsweep.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.optsweep.output.Output;
import org.optsweep.output.Ranking;
import org.optsweep.output.Table;
import org.optsweep.output.Tables;
import org.optsweep.output.TrialStats;

/**
 * A resumed run's counts and best settings, read back from all of {@code summary/} (the committed
 * chunks' rows were written by an earlier driver): one streaming pass, the best rows of each stage
 * and study kept by {@link Ranking} as the tasks keep theirs.
 *
 * @param trials     summary rows
 * @param rows       solves (Σ replicates)
 * @param iterations iterations over them (Σ mean × replicates, exact: the mean is a sum over a count)
 * @param best       stage → study → its best summary rows, best first
 */
record Resumed(long trials, long rows, long iterations, Map<String, Map<String, List<Object[]>>> best) {

  static Resumed read(SparkSession spark, Output out, Tables tables, int k) {
    Table<TrialStats> t = tables.summary();
    Dataset<Row> summary = spark.read().schema(t.readSchema()).parquet(out.uri(Tables.SUMMARY));
    Map<String, Map<String, Ranking.Best>> best = new LinkedHashMap<>();
    int replicates = t.index("replicates");
    int mean = t.index("iterations_mean");
    int stage = t.index("stage");
    int study = t.index("study");
    long trials = 0;
    long rows = 0;
    long iterations = 0;
    var it = summary.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      Object[] v = new Object[r.length()];
      for (int i = 0; i < v.length; i++) {
        v[i] = r.get(i);
      }
      long n = ((Number) v[replicates]).longValue();
      trials++;
      rows += n;
      iterations += Math.round(((Number) v[mean]).doubleValue() * n);
      best.computeIfAbsent((String) v[stage], s -> new LinkedHashMap<>())
          .computeIfAbsent((String) v[study], s -> new Ranking.Best(t, k)).offer(v);
    }
    Map<String, Map<String, List<Object[]>>> sorted = new LinkedHashMap<>();
    best.forEach((s, byStudy) -> {
      Map<String, List<Object[]>> m = new LinkedHashMap<>();
      byStudy.forEach((st, b) -> m.put(st, b.sorted()));
      sorted.put(s, m);
    });
    return new Resumed(trials, rows, iterations, sorted);
  }
}
