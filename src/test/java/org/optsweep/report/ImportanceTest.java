package org.optsweep.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.optsweep.search.Domain;
import org.optsweep.spark.SharedSpark;

/**
 * The random-forest importance: a label that depends on one parameter only gives that parameter nearly all
 * of the importance, and the same settings give the same importances however the rows are partitioned.
 */
class ImportanceTest {
  static final List<Axis> AXES = List.of(
      Axis.of("solver.gamma", new Domain.Values(List.of(0.0, 0.2, 0.5, 0.9))),
      Axis.of("schedule", new Domain.Values(List.of("constant", "exponential", "cosine"))),
      Axis.of("schedule.lr0", new Domain.LogUniform(1e-3, 3)),
      Axis.of("schedule.decay", new Domain.Uniform(0.99, 0.9995)));

  /** 600 settings; success rate a step in lr0 alone (0.9 above 0.1, else 0.05), the rest noise-free. */
  static Dataset<Row> settings(SparkSession spark, int partitions) {
    StructType schema = new StructType().add("trial", DataTypes.LongType).add("stage", DataTypes.StringType)
        .add("success_rate", DataTypes.DoubleType).add("solver_gamma", DataTypes.DoubleType)
        .add("schedule", DataTypes.StringType).add("schedule_lr0", DataTypes.DoubleType)
        .add("schedule_decay", DataTypes.DoubleType);
    SplittableRandom rng = new SplittableRandom(5);
    List<Row> rows = new ArrayList<>();
    String[] kinds = {"constant", "exponential", "cosine"};
    double[] gammas = {0.0, 0.2, 0.5, 0.9};
    for (long t = 0; t < 600; t++) {
      double lr0 = Math.exp(Math.log(1e-3) + rng.nextDouble() * Math.log(3000));
      String kind = kinds[rng.nextInt(3)];
      Double decay = kind.equals("exponential") ? 0.99 + 0.0095 * rng.nextDouble() : null;
      rows.add(RowFactory.create(t, "search", lr0 > 0.1 ? 0.9 : 0.05, gammas[rng.nextInt(4)], kind, lr0, decay));
    }
    return spark.createDataFrame(rows, schema).repartition(partitions);
  }

  @Test
  void theOneParameterTheLabelDependsOnTakesTheImportance() {
    List<Row> out = ImportanceTable.study(SharedSpark.get(), settings(SharedSpark.get(), 3), "s", AXES);
    assertEquals(4, out.size());
    assertEquals("schedule.lr0", out.get(2).getString(1));
    assertTrue(out.get(2).getDouble(2) >= 0.9, "importance of lr0: " + out);
    assertEquals(1.0, out.stream().mapToDouble(r -> r.getDouble(2)).sum(), 1e-12);
    assertTrue(out.get(0).getString(3).contains("64 trees") && out.get(0).getString(3).contains("label success_rate"));
  }

  @Test
  void theSameSettingsGiveTheSameImportancesOnAnyPartitioning() {
    SparkSession spark = SharedSpark.get();
    List<Row> a = ImportanceTable.study(spark, settings(spark, 1), "s", AXES);
    List<Row> b = ImportanceTable.study(spark, settings(spark, 4), "s", AXES);
    List<Row> c = ImportanceTable.study(spark, settings(spark, 4), "s", AXES);
    assertEquals(a, b);
    assertEquals(b, c);
  }

  @Test
  void aConstantLabelHasNoImportance() {
    SparkSession spark = SharedSpark.get();
    Dataset<Row> flat = settings(spark, 2).withColumn("success_rate", org.apache.spark.sql.functions.lit(0.0));
    for (Row r : ImportanceTable.study(spark, flat, "s", AXES)) {
      assertTrue(Double.isNaN(r.getDouble(2)));
    }
  }
}
