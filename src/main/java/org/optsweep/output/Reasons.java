package org.optsweep.output;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF5;
import org.apache.spark.sql.types.DataTypes;
import org.optsweep.solver.Stop;
import org.optsweep.solver.StopTest;

/**
 * The sentence of a solve's stop, rendered from {@code runs/}'s typed columns ({@code stop_test},
 * {@code stop_value}, {@code stop_threshold}, {@code stop_detail}, {@code iterations}) by the same
 * renderer {@code optsweep solve} uses — for people reading the table, never in the hot loop. In
 * Spark SQL it is the function {@code stop_reason(...)} after {@link #register}; docs/dashboards.md
 * gives the DuckDB view.
 */
public final class Reasons {
  private Reasons() {}

  /** The sentence for a row's stop columns. */
  public static String of(String stopTest, Double value, Double threshold, String detail, int iterations) {
    return Stop.sentence(StopTest.of(stopTest), value == null ? Double.NaN : value,
        threshold == null ? Double.NaN : threshold, detail, iterations);
  }

  /** Registers {@code stop_reason(stop_test, stop_value, stop_threshold, stop_detail, iterations)}. */
  public static void register(SparkSession spark) {
    spark.udf().register("stop_reason", (UDF5<String, Double, Double, String, Integer, String>)
        (t, v, th, d, it) -> of(t, v, th, d, it == null ? 0 : it), DataTypes.StringType);
  }
}
