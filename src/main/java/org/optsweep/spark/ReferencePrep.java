package org.optsweep.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.optsweep.objective.DataCache;
import org.optsweep.objective.DataSets;
import org.optsweep.objective.Objective;
import org.optsweep.objective.Objectives;
import org.optsweep.reference.Reference;
import org.optsweep.reference.ReferenceException;
import org.optsweep.reference.compute.ReferenceStage;
import org.optsweep.reference.References;
import org.optsweep.spec.JobSpec;
import org.optsweep.spec.StudySpec;

/**
 * Before the trials, on the driver: every distinct objective setting of the job (each combination of
 * its objective parameters' values) is built once — which reads its data file — and its reference
 * optimum is made once ({@link ReferenceStage}: Spark MLlib for the penalised GLMs, certified or
 * polished; a documented multi-start for the non-convex objectives). What the executors need is then
 * shipped with the tasks: the data sets the driver read (a cluster's executors may not see the
 * driver's files; broadcast, once per executor) and the references.
 *
 * @param data       data sets by {@link DataSets.Source} key
 * @param references the job's references, one per distinct objective setting that has one
 * @param computed   references computed now (not found already made)
 * @param seconds    time spent
 */
record ReferencePrep(Map<String, double[][]> data, List<Reference> references, int computed, double seconds)
    implements Serializable {

  /** References computed at once on the driver (MLlib fits of small data wait on Spark's per-job latency). */
  static final int PARALLEL_REFERENCES = Integer.getInteger("optsweep.parallelReferences", 4);

  static ReferencePrep of(SparkSession spark, JobSpec job) {
    long t0 = System.nanoTime();
    ReferenceStage stage = new ReferenceStage(spark);
    Map<String, Reference> refs = new LinkedHashMap<>();
    List<Objective> objectives = new ArrayList<>();
    List<double[]> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (StudySpec st : job.studies()) {
      for (Map<String, Object> raw : JobSpec.objectiveSettings(st)) {
        Object data = raw.get("data");
        if (data instanceof String path && !path.isBlank()
            && DataSets.Format.of(path, String.valueOf(raw.getOrDefault("format", "auto"))) == DataSets.Format.CSV) {
          DataSets.register(DataSets.Format.CSV.key() + ":" + path, DataCache.read(path));
        }
        Objective f = Objectives.find(st.objective()).create(raw);
        double[] start = st.start().point() != null ? st.start().point() : centre(st.start());
        objectives.add(f);
        starts.add(start.length == f.dimension() ? start : null);
        names.add("objective " + st.objective() + " " + raw);
      }
    }
    stage.prefetch(objectives, starts, PARALLEL_REFERENCES);
    for (int i = 0; i < objectives.size(); i++) {
      Reference r;
      try {
        r = stage.ensure(objectives.get(i), starts.get(i));
      } catch (ReferenceException e) {
        throw new IllegalStateException("no reference optimum for " + names.get(i) + ": " + e.getMessage(), e);
      }
      if (r != null) {
        refs.putIfAbsent(r.key() + "|" + java.util.Arrays.toString(r.x()) + "|" + r.f(), r);
      }
    }
    return new ReferencePrep(DataSets.registered(), new ArrayList<>(refs.values()), stage.computed(),
        (System.nanoTime() - t0) / 1e9);
  }

  /** Registers what the driver made, in an executor's JVM (a no-op where it is the driver's). */
  void install() {
    DataSets.registerAll(data);
    References.registerAll(references);
  }

  private static double[] centre(StudySpec.Start s) {
    double[] c = new double[s.dimension()];
    for (int i = 0; i < c.length; i++) {
      c[i] = (s.min()[i] + s.max()[i]) / 2;
    }
    return c;
  }

}
