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
    Reference made;
    if (f instanceof Glm glm) {
      if (spark == null) {
        throw new IllegalStateException("a reference for " + f + " needs a SparkSession (MLlib)");
      }
      made = MllibReferences.compute(spark, glm, mllib);
    } else {
      String symmetry = f instanceof Autoencoder a && a.hidden() > 1 ? "minimiser not unique: the loss is invariant "
          + "under the " + a.hidden() + "! permutations of hidden units" : null;
      made = MultiStart.run(f, jobStart, multiStart, symmetry);
    }
    References.register(made);
    computed.incrementAndGet();
    return made;
  }

  /** How many references this stage computed (not counting those found registered). */
  public int computed() {
    return computed.get();
  }
}
