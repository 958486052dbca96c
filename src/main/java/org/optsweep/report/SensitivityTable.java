package org.optsweep.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.optsweep.spec.JobSpec;
import org.optsweep.spec.StudySpec;
import org.optsweep.stats.Interval;
import org.optsweep.stats.Proportion;

/**
 * {@code sensitivity/}: per stage, study (in the job's order) and swept parameter, the settings binned by the parameter's value
 * ({@link Axis}: one bin per listed value, at most ten equal-width or log-width bins for a distribution) with
 * the number of settings, the pooled success rate (successes over replicates of the bin's settings) and its
 * Wilson 95% interval ({@link Proportion#wilson}), and the median of the settings' median gaps
 * ({@link org.optsweep.stats.Quantiles}, NaN last). The view of {@link org.optsweep.stats.Sensitivity}
 * (Hutter, Hoos &amp; Leyton-Brown, ICML 2014: a one-dimensional marginal, averaged over the other
 * parameters), with bins from the job's domains and the counting done on the executors.
 */
public final class SensitivityTable {
  private SensitivityTable() {}

  /** The columns of {@code sensitivity/}. */
  public static final StructType SCHEMA = new StructType()
      .add("stage", DataTypes.StringType, false)
      .add("study", DataTypes.StringType, false)
      .add("parameter", DataTypes.StringType, false)
      .add("bin", DataTypes.IntegerType, false)
      .add("label", DataTypes.StringType, false)
      .add("lower", DataTypes.DoubleType, true)
      .add("upper", DataTypes.DoubleType, true)
      .add("settings", DataTypes.LongType, false)
      .add("successes", DataTypes.LongType, false)
      .add("replicates", DataTypes.LongType, false)
      .add("success_rate", DataTypes.DoubleType, false)
      .add("success_rate_lower", DataTypes.DoubleType, false)
      .add("success_rate_upper", DataTypes.DoubleType, false)
      .add("median_gap", DataTypes.DoubleType, false);

  private static final List<String> KEYS = List.of("stage", "study", "parameter", "bin");

  /**
   * One row per (setting, swept parameter) with the setting's bin: stage, study, parameter, bin,
   * successes, replicates, gap_median. Settings where the parameter is null or outside its domain are left out.
   */
  static Dataset<Row> binned(Dataset<Row> summary, JobSpec job) {
    Dataset<Row> all = null;
    for (StudySpec st : job.studies()) {
      for (Axis a : Axis.of(st)) {
        if (!SweepOutput.has(summary, a.column())) {
          continue;
        }
        Dataset<Row> one = summary.where(col("study").equalTo(st.name()))
            .select(col("stage"), col("study"), lit(a.key()).as("parameter"), a.bin().as("bin"),
                col("successes"), col("replicates"),
                SweepOutput.has(summary, "gap_median") ? col("gap_median") : lit(null).cast("double").as("gap_median"))
            .where(col("bin").isNotNull());
        all = all == null ? one : all.union(one);
      }
    }
    return all;
  }

  /** The table's rows, sorted by stage, study, the job's parameter order and bin. */
  static List<Row> compute(Dataset<Row> summary, JobSpec job) {
    Dataset<Row> binned = binned(summary, job);
    if (binned == null) {
      return List.of();
    }
    // one pass: per (stage, study, parameter, bin) the settings, sums and the median of median gaps
    Map<List<Object>, GroupQuantiles.Result> groups = GroupQuantiles.of(binned, KEYS, "gap_median",
        new double[] {0.5}, "successes", "replicates");
    List<String> studyOrder = job.studies().stream().map(StudySpec::name).toList();
    TreeSet<List<String>> present = new TreeSet<>((a, b) -> {
      int c = Stages.compare(a.get(0), b.get(0));
      return c != 0 ? c : Integer.compare(studyOrder.indexOf(a.get(1)), studyOrder.indexOf(b.get(1)));
    });
    for (List<Object> k : groups.keySet()) {
      present.add(List.of((String) k.get(0), (String) k.get(1)));
    }
    List<Row> out = new ArrayList<>();
    for (List<String> stageStudy : present) {
      StudySpec st = job.studies().stream().filter(s -> s.name().equals(stageStudy.get(1))).findFirst().orElse(null);
      if (st == null) {
        continue;
      }
      for (Axis a : Axis.of(st)) {
        if (!SweepOutput.has(summary, a.column())) {
          continue;
        }
        for (int b = 0; b < a.bins(); b++) {
          List<Object> key = List.of(stageStudy.get(0), stageStudy.get(1), a.key(), b);
          GroupQuantiles.Result g = groups.get(key);
          long[] c = g == null ? new long[3] : new long[] {g.rows(), g.sums()[0], g.sums()[1]};
          Interval rate = Proportion.wilson(c[1], c[2]);
          out.add(RowFactory.create(stageStudy.get(0), stageStudy.get(1), a.key(), b, a.labels().get(b),
              a.numeric() ? a.lower()[b] : null, a.numeric() ? a.upper()[b] : null, c[0], c[1], c[2],
              rate.estimate(), rate.lower(), rate.upper(), g == null ? Double.NaN : g.quantiles()[0]));
        }
      }
    }
    return out;
  }
}
