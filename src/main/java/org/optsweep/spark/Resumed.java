package org.optsweep.spark;

import java.util.List;
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
 * chunks' rows were written by an earlier driver): one streaming pass, the best rows kept by
 * {@link Ranking} as the tasks keep theirs.
 *
 * @param trials     summary rows
 * @param rows       solves (Σ replicates)
 * @param iterations iterations over them (Σ mean × replicates, exact: the mean is a sum over a count)
 * @param best       the best summary rows, best first
 */
record Resumed(long trials, long rows, long iterations, List<Object[]> best) {

  static Resumed read(SparkSession spark, Output out, Tables tables, int k) {
    Table<TrialStats> t = tables.summary();
    Dataset<Row> summary = spark.read().schema(t.readSchema()).parquet(out.uri(Tables.SUMMARY));
    Ranking.Best best = new Ranking.Best(t, k);
    int replicates = t.index("replicates");
    int mean = t.index("iterations_mean");
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
      best.offer(v);
    }
    return new Resumed(trials, rows, iterations, best.sorted());
  }
}
