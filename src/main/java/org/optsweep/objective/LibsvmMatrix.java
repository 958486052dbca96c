package org.optsweep.objective;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a LIBSVM file ({@code label index:value ...}, 1-based indices) through MLlib's {@code libsvm}
 * data source into the CSV layout: the features densified (absent indices are 0), the label last.
 *
 * <p>Needs an active {@link SparkSession} (the data source is Spark's), so it runs on the driver; executors
 * get the matrix the driver registered with {@link DataSets#register}. {@code numFeatures} is always set
 * (to the objective's {@code dimension}): inferred, it is the largest index seen, and trailing all-zero
 * features would be lost. Row order is the file's for a single file.
 */
final class LibsvmMatrix {
  private LibsvmMatrix() {}

  /**
   * @param path        any path Spark reads
   * @param numFeatures p, the number of features
   * @return n × (p+1), label last
   * @throws org.optsweep.InputException when no session is active or Spark cannot read it
   */
  static double[][] read(String path, int numFeatures) {
    SparkSession spark = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
        : SparkSession.getDefaultSession().isDefined() ? SparkSession.getDefaultSession().get() : null;
    if (spark == null) {
      throw new org.optsweep.InputException("data " + path + " is LIBSVM, which is read through Spark's libsvm data"
          + " source, but no SparkSession is active in this JVM; the driver must load it and register it with "
          + "DataSets.register");
    }
    List<Row> rows;
    try {
      rows = spark.read().format("libsvm").option("numFeatures", numFeatures).load(path)
          .select("label", "features").collectAsList();
    } catch (RuntimeException e) {
      throw new org.optsweep.InputException("data " + path + " cannot be read as LIBSVM with " + numFeatures
          + " features: " + e.getMessage());
    }
    if (rows.isEmpty()) {
      throw new org.optsweep.InputException("data " + path + ": found no rows, expected at least one");
    }
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      Row r = rows.get(i);
      double[] x = ((org.apache.spark.ml.linalg.Vector) r.get(1)).toArray();
      double[] row = java.util.Arrays.copyOf(x, x.length + 1);
      row[x.length] = r.getDouble(0);
      out[i] = row;
    }
    return out;
  }
}
