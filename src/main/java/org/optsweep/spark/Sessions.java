package org.optsweep.spark;

import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.optsweep.spec.JobSpec;

/** The Spark session a run uses: the embedding JVM's, or a new one (local[*] unless told otherwise). */
final class Sessions {
  private Sessions() {}

  static SparkSession get(JobSpec job, String master, Map<String, String> conf) {
    var existing = SparkSession.getDefaultSession();
    if (existing.isDefined() && master == null && conf.isEmpty()) {
      // A session of the embedding JVM (tests, a notebook): used as it is. The builder would apply
      // its options to the session's SQL state, building that state (a second of class loading and
      // set-up in a fresh JVM) for a run that needs no SQL.
      return existing.get();
    }
    SparkConf probe = new SparkConf();
    SparkSession.Builder b = SparkSession.builder().appName("optsweep " + job.name());
    if (master != null) {
      b.master(master);
    } else if (!probe.contains("spark.master")) {
      b.master("local[*]");
    }
    if (!probe.contains("spark.ui.showConsoleProgress")) {
      b.config("spark.ui.showConsoleProgress", "false");
    }
    conf.forEach(b::config);
    return b.getOrCreate();
  }
}
