package org.optsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsweep.reference.References;

/**
 * Regularized losses in a run: each distinct (data, λ, α) gets its reference optimum once, before the
 * trials (Spark MLlib, certified by the KKT residual; a multi-start for group_sparse), references/
 * holds them, and every run carries a distance and a gap — or a null with its reason — and the kind of
 * the optimum it was measured against.
 */
class ReferencesRunTest {
  @TempDir
  Path tmp;

  @Test
  void referencesAreComputedOncePerDistinctSettingAndEveryRunSaysWhatItWasMeasuredAgainst() throws Exception {
    // The registry is per JVM: start from nothing so that the count is this job's.
    References.clear();
    Path job = tmp.resolve("lasso.yaml");
    Files.writeString(job, String.join("\n", "name: lasso", "seed: 2",
        "objective: {name: elastic_net, data: jobs/data/diabetes.csv, dimension: 10, alpha: 1}",
        "start: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]", "stopping: {max_iterations: 3000}", "studies:",
        "  - name: fista", "    solver: {name: fista, backtracking: true}", "    parameters:",
        "      objective.lambda: {values: [89.452062, 2.246934]}", "      restart: {values: [false, true]}",
        "  - name: owlqn", "    solver: owlqn", "    parameters:",
        "      objective.lambda: {values: [89.452062, 2.246934]}",
        "search: {method: grid}", "replicates: {count: 3, start_jitter: 0.1}",
        "targets: {relative_distance: [1.0e-6], value_gap: [1.0e-3]}", "confirmation: {enabled: false}", ""));
    Path out = tmp.resolve("out");
    var o = ReliabilityTest.runMain("run", job.toString(), "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    var spark = SharedSpark.get();
    List<Row> refs = spark.read().parquet(out.resolve("references").toString()).orderBy("objective_lambda").collectAsList();
    // Two distinct (data, lambda, alpha) among 6 settings x 3 replicates = 18 solves.
    assertEquals(2, refs.size());
    JsonNode j = new ObjectMapper().readTree(out.resolve("job.json").toFile());
    assertEquals(2, j.get("references").get("computed").asInt());
    for (Row r : refs) {
      assertTrue(List.of("spark_ml", "polished").contains(r.getString(r.fieldIndex("kind"))), r.toString());
      assertTrue(r.getDouble(r.fieldIndex("kkt_residual")) <= 1e-9, r.toString());
      assertEquals(11, r.getList(r.fieldIndex("x")).size());
    }
    List<Row> runs = spark.read().parquet(out.resolve("runs").toString()).collectAsList();
    assertEquals(18, runs.size());
    for (Row r : runs) {
      assertNotNull(r.getAs("reference_kind"), r.toString());
      boolean measured = r.getAs("distance") != null && r.getAs("value_gap") != null;
      assertTrue(measured || r.getAs("reference_note") != null, r.toString());
      // The relative distance is the distance over max(|x*|, 1).
      assertNotNull(r.getAs("relative_distance"));
    }
    // The stored optimum is the one the runs were measured against: f* + gap = f for every run.
    double fStar = refs.get(0).getDouble(refs.get(0).fieldIndex("f"));
    for (Row r : runs) {
      if (Math.abs((double) r.getAs("objective_lambda") - refs.get(0).getDouble(refs.get(0).fieldIndex("objective_lambda")))
          < 1e-9) {
        assertEquals((double) r.getAs("value"), fStar + (double) r.getAs("value_gap"), 1e-9 * Math.abs(fStar));
      }
    }
  }

  @Test
  void aNonConvexLossIsJudgedAgainstABestKnownOptimum() throws Exception {
    Path job = tmp.resolve("gs.yaml");
    Files.writeString(job, String.join("\n", "name: gs", "seed: 5",
        "objective: {name: group_sparse, rows: 20, columns: 3, data_seed: 1}",
        "start: {min: [-1, -1, -1, -1, -1, -1, -1, -1, -1], max: [1, 1, 1, 1, 1, 1, 1, 1, 1]}",
        "solver: lbfgs", "stopping: {max_iterations: 500}", "parameters:",
        "  objective.lambda: {values: [0.1, 0.3]}", "search: {method: grid}", "replicates: {count: 2}",
        "targets: {distance: [1.0e-3], value_gap: [1.0e-6]}", "confirmation: {enabled: false}", ""));
    Path out = tmp.resolve("out-gs");
    var o = ReliabilityTest.runMain("run", job.toString(), "--out", out.toString());
    assertEquals(0, o.code(), o.err());
    var spark = SharedSpark.get();
    List<Row> refs = spark.read().parquet(out.resolve("references").toString()).collectAsList();
    assertEquals(2, refs.size());
    for (Row r : refs) {
      assertEquals("best_known", r.getString(r.fieldIndex("kind")));
      // B = I reached by the multi-start: f* = ||X I - X|| + lambda * 3 rows of norm 1 = 3 lambda.
      assertEquals(3 * r.getDouble(r.fieldIndex("objective_lambda")), r.getDouble(r.fieldIndex("f")), 1e-7);
    }
    for (Row r : spark.read().parquet(out.resolve("runs").toString()).collectAsList()) {
      assertEquals("best_known", r.getAs("reference_kind"));
      assertNotNull(r.getAs("distance"));
      assertNotNull(r.getAs("value_gap"));
    }
  }
}
