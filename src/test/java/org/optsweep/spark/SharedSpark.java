package org.optsweep.spark;

import org.apache.spark.sql.SparkSession;

/**
 * One local[2] SparkSession per test JVM (a session costs ~7 s and ~500 MB), as Spark's own
 * {@code SharedSparkSession}. {@code optsweep run} inside a test reuses it through getOrCreate.
 */
public final class SharedSpark {
  private SharedSpark() {}

  private static SparkSession session;

  public static synchronized SparkSession get() {
    if (session == null) {
      System.setProperty("SPARK_LOCAL_IP", "127.0.0.1");
      session = SparkSession.builder().master("local[2]").appName("optsweep-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .getOrCreate();
    }
    return session;
  }
}
