package org.optsweep.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.RandomForestRegressionModel;
import org.apache.spark.ml.regression.RandomForestRegressor;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.optsweep.spec.JobSpec;
import org.optsweep.spec.StudySpec;

/**
 * {@code importance/}: per study, how much each swept parameter matters, as Optuna's
 * {@code MeanDecreaseImpurityImportanceEvaluator} computes it — a random forest regressor's mean decrease in
 * impurity ({@code feature_importances_}, Breiman 2001; Louppe et al., "Understanding variable importances in
 * forests of randomized trees", NIPS 2013) — with Spark MLlib's {@link RandomForestRegressor#featureImportances}
 * (the same measure: each split's impurity decrease weighted by its rows, per tree normalised, averaged,
 * normalised to sum 1).
 *
 * <p>Fitted on the search stage's {@code summary/} rows of the study. Features: the swept parameters ({@link
 * Axis#of(StudySpec)}); named values and booleans are categorical features (MLlib splits on category sets,
 * where Optuna one-hot encodes and sums); a parameter that does not apply to a setting (null) is a category of
 * its own, or for a number a value below its range, so a tree can split on "applies or not". <b>Label: the
 * setting's success rate</b> (Optuna's is the objective value; here the question is reliability). Forest as
 * Optuna's defaults: 64 trees ({@code n_estimators=64}), every feature considered at every split (scikit-learn's
 * regressor default {@code max_features=1.0}), bootstrap, depth limited to MLlib's maximum 30 (Optuna: 64),
 * seed {@value #SEED}. The rows are sorted by trial and fitted in one partition, because MLlib seeds its
 * bootstrap per partition: so the forest, and the table, are the same on any number of cores. More than
 * {@value #MAX_SETTINGS} settings are thinned to about that many by a fixed hash of the trial index. A label
 * that does not vary (e.g. every setting failed) has no importance: NaN.
 */
public final class ImportanceTable {
  private ImportanceTable() {}

  /** The forest's seed. */
  public static final long SEED = 42;
  /** Trees, as Optuna's {@code n_estimators}. */
  public static final int TREES = 64;
  /** MLlib's largest depth (Optuna asks for 64). */
  public static final int MAX_DEPTH = 30;
  /** Settings fitted at most per study. */
  public static final int MAX_SETTINGS = 20_000;

  /** The columns of {@code importance/}. */
  public static final StructType SCHEMA = new StructType()
      .add("study", DataTypes.StringType, false)
      .add("parameter", DataTypes.StringType, false)
      .add("importance", DataTypes.DoubleType, false)
      .add("method", DataTypes.StringType, false);

  /** The rows of every study, in the job's study and parameter order. */
  static List<Row> compute(SparkSession spark, Dataset<Row> summary, JobSpec job) {
    List<Row> out = new ArrayList<>();
    Dataset<Row> search = summary.where(col("stage").equalTo(SweepOutput.SEARCH));
    for (StudySpec st : job.studies()) {
      List<Axis> axes = Axis.of(st).stream().filter(a -> SweepOutput.has(summary, a.column())).toList();
      if (!axes.isEmpty()) {
        out.addAll(study(spark, search.where(col("study").equalTo(st.name())), st.name(), axes));
      }
    }
    return out;
  }

  static List<Row> study(SparkSession spark, Dataset<Row> rows, String study, List<Axis> axes) {
    long total = rows.count();
    if (total == 0) {
      return List.of();
    }
    if (axes.size() == 1) {
      // One feature takes every split: its share of the impurity decrease is 1 whatever the forest.
      Row m = rows.agg(expr("min(success_rate)"), expr("max(success_rate)")).first();
      boolean varies = !m.isNullAt(0) && m.getDouble(0) < m.getDouble(1);
      return List.of(RowFactory.create(study, axes.get(0).key(), varies ? 1.0 : Double.NaN,
          "the only swept parameter: all of a forest's impurity decrease is its own (no forest fitted); label "
              + "success_rate; " + total + " settings"));
    }
    long stride = (total + MAX_SETTINGS - 1) / MAX_SETTINGS;
    Dataset<Row> kept = stride <= 1 ? rows : rows.where(expr("pmod(xxhash64(trial), " + stride + ") = 0"));
    List<Column> cols = new ArrayList<>(List.of(col("trial"), col("success_rate")));
    for (Axis a : axes) {
      cols.add(a.numeric() ? expr("CAST(`" + a.column() + "` AS DOUBLE)").as(a.column()) : a.bin().as(a.column()));
    }
    List<Row> data = kept.where(col("success_rate").isNotNull()).select(cols.toArray(Column[]::new))
        .orderBy("trial").collectAsList();
    String method = "random forest mean decrease in impurity (Spark MLlib RandomForestRegressor, " + TREES
        + " trees, maxDepth " + MAX_DEPTH + ", all features per split, bootstrap, seed " + SEED
        + "); label success_rate; " + data.size() + (stride > 1 ? " of " + total : "") + " settings";
    double[] importance = fit(spark, data, axes);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < axes.size(); i++) {
      out.add(RowFactory.create(study, axes.get(i).key(), importance[i], method));
    }
    return out;
  }

  /** The forest's normalised importances; NaN for each when the label is constant or there are no rows. */
  static double[] fit(SparkSession spark, List<Row> data, List<Axis> axes) {
    int k = axes.size();
    double[] nan = new double[k];
    java.util.Arrays.fill(nan, Double.NaN);
    if (data.isEmpty() || data.stream().mapToDouble(r -> r.getDouble(1)).distinct().count() < 2) {
      return nan;
    }
    Attribute[] attrs = new Attribute[k];
    int maxCategories = 2;
    double[] absent = new double[k];
    for (int i = 0; i < k; i++) {
      Axis a = axes.get(i);
      if (a.numeric()) {
        double lo = a.lower()[0];
        double hi = a.upper()[a.upper().length - 1];
        absent[i] = lo - Math.max(1, Math.abs(hi - lo));
        attrs[i] = NumericAttribute.defaultAttr().withName(a.column());
      } else {
        absent[i] = a.bins(); // the category "does not apply"
        attrs[i] = NominalAttribute.defaultAttr().withName(a.column()).withNumValues(a.bins() + 1);
        maxCategories = Math.max(maxCategories, a.bins() + 1);
      }
    }
    List<Row> points = new ArrayList<>(data.size());
    for (Row r : data) {
      double[] f = new double[k];
      for (int i = 0; i < k; i++) {
        Object v = r.get(2 + i);
        f[i] = v == null ? absent[i] : ((Number) v).doubleValue();
      }
      points.add(RowFactory.create(r.getDouble(1), Vectors.dense(f)));
    }
    Metadata meta = new AttributeGroup("features", attrs).toMetadata();
    StructType schema = new StructType(new StructField[] {
        new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("features", new VectorUDT(), false, meta)});
    // One partition, rows in trial order: MLlib seeds the bootstrap per partition (class doc).
    Dataset<Row> df = spark.createDataFrame(points, schema).coalesce(1);
    RandomForestRegressionModel model = new RandomForestRegressor().setNumTrees(TREES).setMaxDepth(MAX_DEPTH)
        .setFeatureSubsetStrategy("all").setMaxBins(Math.max(maxCategories, Math.min(32, data.size())))
        .setSeed(SEED).fit(df);
    Vector v = model.featureImportances();
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += v.apply(i);
    }
    if (!(sum > 0)) {
      return nan;
    }
    double[] out = new double[k];
    for (int i = 0; i < k; i++) {
      out[i] = v.apply(i) / sum;
    }
    return out;
  }
}
