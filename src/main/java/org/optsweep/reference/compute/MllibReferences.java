package org.optsweep.reference.compute;

import org.optsweep.reference.Reference;
import org.optsweep.reference.Kind;
import org.optsweep.reference.ReferenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.optsweep.objective.ElasticNet;
import org.optsweep.objective.Glm;
import org.optsweep.objective.Logistic;

/**
 * Reference optima of {@code elastic_net} and {@code logistic} from Spark MLlib's own trainers, certified
 * on optsweep's objective by the KKT residual ({@link Kkt}).
 *
 * <p>The mapping (derived from Spark 4.2's source and measured in {@code /work/notes/mllib-mapping.md}):
 * both trainers run with {@code standardization = false} (MLlib still scales internally, and undoes it
 * exactly), the same intercept setting, {@code tol} 1e-12 and {@code maxIter} 10 000;
 * <ul>
 *   <li>{@code LinearRegression} (solver {@code l-bfgs}: "auto" would take the normal-equation path, which
 *       scales by the population σ_y): regParam = λ(α + (1−α)σ_y), elasticNetParam = λα/regParam, σ_y the
 *       <b>sample</b> standard deviation of y (n − 1), because MLlib divides the label by σ_y, which scales
 *       the L2 part of its penalty but not the L1 part (glmnet's convention). MLlib's objective history is
 *       then F/σ_y².</li>
 *   <li>{@code LogisticRegression} (family {@code binomial}): regParam = λ, elasticNetParam = α; its
 *       objective history is F.</li>
 * </ul>
 * MLlib stops on its scaled gradient (breeze's 1e-8 floor) or stagnation, which leaves KKT residuals of
 * 2e-8 … 2e-4 (least squares in raw units) and 3e-10 … 9e-9 (logistic) in optsweep's form. A fit within the
 * target is kind SPARK_ML; otherwise it is polished by Newton steps on its support ({@link SupportPolish})
 * and, if that reaches the target, kind POLISHED. Otherwise no reference is made:
 * {@link ReferenceException}, with the residuals reached.
 */
public final class MllibReferences {
  private MllibReferences() {}

  /**
   * How references are computed.
   *
   * @param kktTarget the KKT residual a reference must reach, absolute (units of F per unit of x); default 1e-9
   * @param tol       MLlib's {@code tol}; default 1e-12
   * @param maxIter   MLlib's {@code maxIter}; default 10 000
   */
  public record Options(double kktTarget, double tol, int maxIter) {
    public Options {
      if (!(kktTarget > 0) || !(tol >= 0) || maxIter < 1) {
        throw new IllegalArgumentException("MLlib reference options: kktTarget > 0, tol >= 0, maxIter >= 1; got "
            + kktTarget + ", " + tol + ", " + maxIter);
      }
    }

    /** KKT ≤ 1e-9, tol 1e-12, 10 000 iterations. */
    public static Options defaults() {
      return new Options(1e-9, 1e-12, 10_000);
    }
  }

  /**
   * One MLlib fit, mapped back to optsweep's variables.
   *
   * @param x               (w, b), b last when there is an intercept
   * @param iterations      MLlib's {@code summary.totalIterations}
   * @param lastObjective   the last value of MLlib's objective history (F/σ_y² for least squares, F for logistic)
   * @param regParam        MLlib's regParam used
   * @param elasticNetParam MLlib's elasticNetParam used
   * @param trainer         the trainer and its settings, one line
   */
  public record Fit(double[] x, int iterations, double lastObjective, double regParam, double elasticNetParam,
                    String trainer) {}

  /** MLlib's (regParam, elasticNetParam) for optsweep's (λ, α) on f's data (see the class comment). */
  public static double[] mllibParams(Glm f) {
    if (f instanceof Logistic) {
      return new double[] {f.lambda(), f.alpha()};
    }
    double sigmaY = labelSampleStd(f);
    double reg = f.lambda() * (f.alpha() + (1 - f.alpha()) * sigmaY);
    return new double[] {reg, reg == 0 ? 0.0 : f.lambda() * f.alpha() / reg};
  }

  /** σ_y = √(Σ(y − ȳ)²/(n − 1)), as MLlib's Summarizer computes it (0 for one row). */
  public static double labelSampleStd(Glm f) {
    double[][] m = f.matrix();
    int p = f.features();
    double mean = 0;
    for (double[] row : m) {
      mean += row[p];
    }
    mean /= m.length;
    double ss = 0;
    for (double[] row : m) {
      ss += (row[p] - mean) * (row[p] - mean);
    }
    return m.length > 1 ? Math.sqrt(ss / (m.length - 1)) : 0.0;
  }

  /** Fits f's problem with MLlib under the mapping, without certifying it. */
  public static Fit fit(SparkSession spark, Glm f, Options o) {
    return fit(spark, f, o, mllibParams(f));
  }

  /** Fits with MLlib's (regParam, elasticNetParam) as given (the mapping's test compares maps). */
  static Fit fit(SparkSession spark, Glm f, Options o, double[] params) {
    Dataset<Row> df = frame(spark, f).cache();
    try {
      double[] w;
      double b;
      int iterations;
      double[] history;
      String trainer;
      if (f instanceof ElasticNet) {
        LinearRegressionModel model = new LinearRegression().setSolver("l-bfgs").setStandardization(false)
            .setFitIntercept(f.intercept()).setRegParam(params[0]).setElasticNetParam(params[1]).setTol(o.tol())
            .setMaxIter(o.maxIter()).fit(df);
        w = model.coefficients().toArray();
        b = model.intercept();
        iterations = model.summary().totalIterations();
        history = model.summary().objectiveHistory();
        trainer = "LinearRegression(solver=l-bfgs";
      } else if (f instanceof Logistic) {
        LogisticRegressionModel model = new LogisticRegression().setFamily("binomial").setStandardization(false)
            .setFitIntercept(f.intercept()).setRegParam(params[0]).setElasticNetParam(params[1]).setTol(o.tol())
            .setMaxIter(o.maxIter()).fit(df);
        w = model.coefficients().toArray();
        b = model.intercept();
        iterations = model.summary().totalIterations();
        history = model.summary().objectiveHistory();
        trainer = "LogisticRegression(family=binomial";
      } else {
        throw new IllegalArgumentException("no MLlib trainer for " + f.name());
      }
      double[] x = java.util.Arrays.copyOf(w, f.dimension());
      if (f.intercept()) {
        x[f.features()] = b;
      }
      trainer += String.format(Locale.ROOT, ", standardization=false, fitIntercept=%s, regParam=%.17g, "
          + "elasticNetParam=%.17g, tol=%s, maxIter=%d)", f.intercept(), params[0], params[1], o.tol(), o.maxIter());
      return new Fit(x, iterations, history.length == 0 ? Double.NaN : history[history.length - 1], params[0],
          params[1], trainer);
    } finally {
      df.unpersist();
    }
  }

  /**
   * The reference for f: MLlib's fit, certified (SPARK_ML) or polished (POLISHED) to {@code o.kktTarget()}.
   *
   * @throws ReferenceException when MLlib's answer is not finite or even polishing misses the target
   */
  public static Reference compute(SparkSession spark, Glm f, Options o) {
    return certify(f, fit(spark, f, o), o);
  }

  /**
   * Certifies (SPARK_ML) or polishes (POLISHED) an MLlib fit of f to {@code o.kktTarget()}.
   *
   * @throws ReferenceException when the fit is not finite or even polishing misses the target
   */
  public static Reference certify(Glm f, Fit fit, Options o) {
    for (double v : fit.x()) {
      if (!Double.isFinite(v)) {
        throw new ReferenceException("MLlib's " + fit.trainer() + " returned a non-finite coefficient for " + f
            + " (all labels equal with an intercept has no finite optimum); no reference");
      }
    }
    double kkt = Kkt.residual(f, fit.x());
    String method = String.format(Locale.ROOT, "Spark MLlib %s: %d iterations, KKT residual %.3g", fit.trainer(),
        fit.iterations(), kkt);
    if (kkt <= o.kktTarget()) {
      return Reference.of(f.referenceKey(), fit.x(), f.value(fit.x()), kkt, Kind.SPARK_ML, method, null);
    }
    SupportPolish.Result polished = SupportPolish.polish(f, fit.x(), o.kktTarget());
    if (!(polished.kkt() <= o.kktTarget())) {
      throw new ReferenceException(String.format(Locale.ROOT, "no reference for %s: MLlib's answer has KKT residual "
          + "%.3g and Newton polishing on its support reached %.3g (%d steps, %d support changes), target %.3g; %s",
          f, kkt, polished.kkt(), polished.steps(), polished.rounds(), o.kktTarget(), method));
    }
    method += String.format(Locale.ROOT, "; polished by %d Newton steps on its support (%d support changes) to KKT "
        + "%.3g", polished.steps(), polished.rounds(), polished.kkt());
    return Reference.of(f.referenceKey(), polished.x(), f.value(polished.x()), polished.kkt(), Kind.POLISHED, method,
        null);
  }

  /** {@link #compute(SparkSession, Glm, Options)} with the default options. */
  public static Reference compute(SparkSession spark, Glm f) {
    return compute(spark, f, Options.defaults());
  }

  /** f's data as MLlib's (label, features) frame. */
  private static Dataset<Row> frame(SparkSession spark, Glm f) {
    int p = f.features();
    List<Row> rows = new ArrayList<>(f.rows());
    for (double[] r : f.matrix()) {
      rows.add(RowFactory.create(r[p], Vectors.dense(java.util.Arrays.copyOf(r, p))));
    }
    StructType schema = new StructType(new StructField[] {
        new StructField("label", DataTypes.DoubleType, false, Metadata.empty()),
        new StructField("features", SQLDataTypes.VectorType(), false, Metadata.empty())});
    // Every MLlib iteration is a Spark job: a partition per million values (at most the default
    // parallelism), since below that the per-task overhead, not the arithmetic, is the cost.
    long values = (long) f.rows() * p;
    int partitions = (int) Math.max(1, Math.min(spark.sparkContext().defaultParallelism(), values / 1_000_000));
    return spark.createDataFrame(rows, schema).coalesce(partitions);
  }
}
