package org.optsweep.reference.compute;

import org.optsweep.reference.Reference;
import org.optsweep.reference.ReferenceKey;
import org.optsweep.reference.References;
import org.optsweep.reference.ReferenceException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.optsweep.objective.Autoencoder;
import org.optsweep.objective.Glm;
import org.optsweep.objective.Objective;

/**
 * The driver's reference stage: for each objective a job measures, the reference it needs, computed once
 * per distinct {@link ReferenceKey} and registered in {@link References}.
 *
 * <ul>
 *   <li>an objective without a key (test functions, ridge, group_sparse at λ = 0): its own EXACT optimum,
 *       nothing computed;</li>
 *   <li>{@code elastic_net}, {@code logistic}: {@link MllibReferences} (SPARK_ML or POLISHED, KKT-certified);</li>
 *   <li>anything else with a key (group_sparse at λ &gt; 0, the autoencoder): {@link MultiStart} (BEST_KNOWN);
 *       the autoencoder with ≥ 2 hidden units without a minimiser (permutation symmetry).</li>
 * </ul>
 * One instance per job; {@link #ensure} is synchronized and counts what it computed, so a job can show that
 * references were computed once per distinct key, not once per trial.
 */
public final class ReferenceStage {
  private final SparkSession spark;
  private final MllibReferences.Options mllib;
  private final MultiStart.Options multiStart;
  private final AtomicInteger computed = new AtomicInteger();

  /**
   * @param spark      the driver's session (MLlib references need it; may be {@code null} if no GLM is measured)
   * @param mllib      MLlib and certification settings
   * @param multiStart the multi-start's settings
   */
  public ReferenceStage(SparkSession spark, MllibReferences.Options mllib, MultiStart.Options multiStart) {
    this.spark = spark;
    this.mllib = mllib;
    this.multiStart = multiStart;
  }

  /** With the default options. */
  public ReferenceStage(SparkSession spark) {
    this(spark, MllibReferences.Options.defaults(), MultiStart.Options.defaults());
  }

  /**
   * The reference f is measured against: registered already, or computed now and registered.
   *
   * @param f        an objective as the job builds it (on the driver)
   * @param jobStart the job's start point (the multi-start's first start), or {@code null}
   * @return the reference, or {@code null} when f has none and needs none
   * @throws ReferenceException when one is needed but cannot be made to the required quality
   */
  public synchronized Reference ensure(Objective f, double[] jobStart) {
    ReferenceKey key = f.referenceKey();
    if (key == null) {
      return f.reference();
    }
    Reference known = References.lookup(key);
    if (known != null) {
      return known;
    }
    Reference made = make(f, jobStart);
    References.register(made);
    computed.incrementAndGet();
    return made;
  }

  /**
   * Computes the references of {@code fs} that are not registered yet, the distinct ones concurrently on up to
   * {@code threads} threads, and registers them in the order of {@code fs}. An MLlib fit of a small data set is
   * a Spark job per iteration whose time is Spark's per-job latency, not arithmetic, so fits run side by side
   * finish together in little more than the longest one's time. Each reference depends only on its objective,
   * never on which finished first. One that cannot be made is skipped here: {@link #ensure} then reports it
   * for that objective.
   *
   * @param fs       objectives as the job builds them
   * @param starts   for each, the job's start point (the multi-start's first start), or {@code null}
   * @param threads  at most this many computed at once
   */
  public void prefetch(java.util.List<Objective> fs, java.util.List<double[]> starts, int threads) {
    java.util.Map<ReferenceKey, Integer> todo = new java.util.LinkedHashMap<>();
    for (int i = 0; i < fs.size(); i++) {
      ReferenceKey key = fs.get(i).referenceKey();
      if (key != null && References.lookup(key) == null) {
        todo.putIfAbsent(key, i);
      }
    }
    if (todo.size() < 2 || threads < 2) {
      return;
    }
    try (org.optsweep.Parallel p = org.optsweep.Parallel.threads(Math.min(threads, todo.size()), "optsweep-reference",
        "computing reference optima")) {
      java.util.List<java.util.concurrent.Future<Reference>> made = new java.util.ArrayList<>();
      for (int i : todo.values()) {
        made.add(p.submit(() -> make(fs.get(i), starts.get(i))));
      }
      for (java.util.concurrent.Future<Reference> m : made) {
        Reference r;
        try {
          r = m.get();
        } catch (java.util.concurrent.ExecutionException e) {
          continue; // left to ensure(), which names the objective in its message
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        synchronized (this) {
          if (References.lookup(r.key()) == null) {
            References.register(r);
            computed.incrementAndGet();
          }
        }
      }
    }
  }

  /** Computes f's reference (f has a key and none is registered). */
  private Reference make(Objective f, double[] jobStart) {
    if (f instanceof Glm glm) {
      if (spark == null) {
        throw new IllegalStateException("a reference for " + f + " needs a SparkSession (MLlib)");
      }
      return MllibReferences.compute(spark, glm, mllib);
    }
    String symmetry = f instanceof Autoencoder a && a.hidden() > 1 ? "minimiser not unique: the loss is invariant "
        + "under the " + a.hidden() + "! permutations of hidden units" : null;
    return MultiStart.run(f, jobStart, multiStart, symmetry);
  }

  /** How many references this stage computed (not counting those found registered). */
  public int computed() {
    return computed.get();
  }
}
