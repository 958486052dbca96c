package org.optsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsweep.stats.Proportion;

/**
 * The winner's curse, built in and removed: 2,000 identical settings whose every solve succeeds with
 * probability p = 0.5 (the {@code coin} objective), 8 replicates each. The search's best show 7/8 or
 * 8/8 — luck, not merit — and the confirmation's fresh replicates bring the estimates back to p.
 */
class ConfirmationTest {
  @TempDir
  Path tmp;

  static final double P = 0.5;

  @Test
  void theConfirmationRemovesTheWinnersCurse() throws Exception {
    Path job = tmp.resolve("coin.yaml");
    Files.writeString(job, "name: coin\nseed: 5\nobjective: {name: coin, p: " + P + "}\nstart: [1, 1]\nsolver: gd\n"
        + "stopping: {max_iterations: 0}\nparameters:\n  schedule.lr0: {value: 0.1}\n"
        + "search: {method: random, trials: 2000}\nreplicates: {count: 8, start_jitter: 0.1, exact_first: false}\n"
        + "targets: {value_gap: 0.5}\nconfirmation: {top: 20, replicates: 100}\n");
    Path out = tmp.resolve("out");
    var o = ReliabilityTest.runMain("run", job.toString(), "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    var spark = SharedSpark.get();
    List<Row> search = spark.read().parquet(out.resolve("summary").toString()).filter("stage = 'search'")
        .orderBy(org.apache.spark.sql.functions.col("successes").desc(), org.apache.spark.sql.functions.col("trial"))
        .limit(20).collectAsList();
    // The search's best: 8/8 by luck (P(8/8) = 1/256, so about 8 of 2,000 identical settings).
    assertTrue(search.get(0).getLong(search.get(0).fieldIndex("successes")) >= 7, search.get(0).toString());
    List<Row> confirmed = spark.read().parquet(out.resolve("summary").toString()).filter("stage = 'confirm'")
        .collectAsList();
    assertEquals(20, confirmed.size());
    long covering = 0;
    long successes = 0;
    for (Row r : confirmed) {
      assertEquals(100L, r.getLong(r.fieldIndex("replicates")));
      double lo = r.getDouble(r.fieldIndex("success_rate_lower"));
      double hi = r.getDouble(r.fieldIndex("success_rate_upper"));
      // The stored interval is Wilson's for the stored counts.
      var w = Proportion.wilson(r.getLong(r.fieldIndex("successes")), 100);
      assertEquals(w.lower(), lo, 1e-15);
      assertEquals(w.upper(), hi, 1e-15);
      covering += lo <= P && P <= hi ? 1 : 0;
      successes += r.getLong(r.fieldIndex("successes"));
    }
    // 95% intervals: at least 16 of 20 cover p (P(fewer) < 2% for independent intervals).
    assertTrue(covering >= 16, covering + " of 20 confirmed intervals contain p");
    // Pooled, the 2,000 fresh solves estimate p: Wilson's interval of the pool contains it.
    var pooled = Proportion.wilson(successes, 2000);
    assertTrue(pooled.lower() <= P && P <= pooled.upper(), successes + "/2000 " + pooled);
    // The search's best 8/8 are the confirmed settings; none keeps a rate near 1.
    assertTrue(confirmed.stream().allMatch(r -> r.getDouble(r.fieldIndex("success_rate")) < 0.75));
    // The printed answer is ranked by the confirmed estimate, with the search-stage count beside it.
    assertTrue(o.out().contains("best settings by their confirmed success rate on fresh starts"), o.out());
  }
}
