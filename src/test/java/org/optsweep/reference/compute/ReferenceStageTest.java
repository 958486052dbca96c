package org.optsweep.reference.compute;

import org.optsweep.reference.Reference;
import org.optsweep.reference.Kind;
import org.optsweep.reference.References;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optsweep.objective.Objective;
import org.optsweep.objective.Objectives;
import org.optsweep.spark.SharedSpark;

/** The driver's reference stage: one computation per distinct key, the right kind per objective. */
class ReferenceStageTest {

  @AfterEach
  void forget() {
    References.clear();
  }

  /**
   * Six trials over two λ of a lasso and two λ of group_sparse, plus ridge (closed form): four references
   * computed, each once, and trials built afterwards measure against them.
   */
  @Test
  void referencesAreComputedOncePerDistinctKey() {
    ReferenceStage stage = new ReferenceStage(SharedSpark.get(), MllibReferences.Options.defaults(),
        new MultiStart.Options(4, -1, 1, 1, 2000, 1e-8, 1e-4));
    for (int trial = 0; trial < 6; trial++) {
      double lambda = trial % 2 == 0 ? 0.05 : 0.5;
      Objective lasso = Objectives.find("elastic_net").create(Map.of("lambda", lambda, "rows", 60, "dimension", 4));
      Reference r = stage.ensure(lasso, null);
      assertTrue(r.kind() == Kind.SPARK_ML || r.kind() == Kind.POLISHED, r.toString());
      assertTrue(r.kktResidual() <= 1e-9, r.toString());
      Objective gs = Objectives.find("group_sparse").create(Map.of("lambda", lambda * 2));
      assertEquals(Kind.BEST_KNOWN, stage.ensure(gs, new double[9]).kind());
      Objective ridge = Objectives.find("ridge").create(Map.of("lambda", lambda));
      assertEquals(Kind.EXACT, stage.ensure(ridge, null).kind());
    }
    assertEquals(4, stage.computed());
    assertEquals(4, References.size());
    Objective later = Objectives.find("elastic_net").create(Map.of("lambda", 0.5, "rows", 60, "dimension", 4));
    assertSame(References.lookup(later.referenceKey()), later.reference());
    assertEquals(later.reference().f(), later.minimum(), 0.0);
  }

  /** An autoencoder with 2 hidden units: best-known value, no minimiser (h! = 2 permutations), said so. */
  @Test
  void anAutoencoderHasABestKnownValueButNoMinimiser() {
    ReferenceStage stage = new ReferenceStage(null, MllibReferences.Options.defaults(),
        new MultiStart.Options(3, -0.5, 0.5, 1, 300, 1e-8, 1e-4));
    Objective f = Objectives.find("autoencoder").create(Map.of("visible", 3, "hidden", 2, "examples", 6));
    Reference r = stage.ensure(f, null);
    assertEquals(Kind.BEST_KNOWN, r.kind());
    assertNull(r.x());
    assertTrue(r.note().contains("2! permutations of hidden units"), r.note());
    Objective built = Objectives.find("autoencoder").create(Map.of("visible", 3, "hidden", 2, "examples", 6));
    assertNull(built.minimiser());
    assertEquals(r.f(), built.minimum(), 0.0);
    assertEquals(1, stage.computed());
  }

  /**
   * The same six lasso/group_sparse/ridge objectives made concurrently ({@link ReferenceStage#prefetch}, 3
   * threads): each distinct key computed once, and every reference bit for bit the one the sequential path made.
   */
  @Test
  void concurrentReferencesAreTheSequentialOnesComputedOnce() {
    MultiStart.Options ms = new MultiStart.Options(4, -1, 1, 1, 2000, 1e-8, 1e-4);
    java.util.List<Objective> fs = new java.util.ArrayList<>();
    java.util.List<double[]> starts = new java.util.ArrayList<>();
    for (int trial = 0; trial < 6; trial++) {
      double lambda = trial % 2 == 0 ? 0.05 : 0.5;
      fs.add(Objectives.find("elastic_net").create(Map.of("lambda", lambda, "rows", 60, "dimension", 4)));
      starts.add(null);
      fs.add(Objectives.find("group_sparse").create(Map.of("lambda", lambda * 2)));
      starts.add(new double[9]);
      fs.add(Objectives.find("ridge").create(Map.of("lambda", lambda)));
      starts.add(null);
    }
    ReferenceStage sequential = new ReferenceStage(SharedSpark.get(), MllibReferences.Options.defaults(), ms);
    java.util.List<Reference> expected = new java.util.ArrayList<>();
    for (int i = 0; i < fs.size(); i++) {
      expected.add(sequential.ensure(fs.get(i), starts.get(i)));
    }
    References.clear();
    ReferenceStage concurrent = new ReferenceStage(SharedSpark.get(), MllibReferences.Options.defaults(), ms);
    concurrent.prefetch(fs, starts, 3);
    assertEquals(4, concurrent.computed());
    assertEquals(4, References.size());
    for (int i = 0; i < fs.size(); i++) {
      Reference r = concurrent.ensure(fs.get(i), starts.get(i));
      Reference e = expected.get(i);
      assertEquals(e.key(), r.key());
      assertEquals(e.kind(), r.kind());
      assertTrue(java.util.Arrays.equals(e.x(), r.x()), r.toString());
      assertEquals(Double.doubleToLongBits(e.f()), Double.doubleToLongBits(r.f()));
    }
    assertEquals(4, concurrent.computed());
  }
}
