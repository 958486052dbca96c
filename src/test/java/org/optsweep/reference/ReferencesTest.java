package org.optsweep.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.optsweep.objective.Glm;
import org.optsweep.objective.Objective;
import org.optsweep.objective.Objectives;

/** The per-JVM registry and how an objective learns its reference from it. */
class ReferencesTest {

  @AfterEach
  void forget() {
    References.clear();
  }

  private static Glm lasso(double lambda) {
    return (Glm) Objectives.find("elastic_net").create(Map.of("lambda", lambda, "rows", 30, "dimension", 3));
  }

  @Test
  void keysCompareExactlyWithOneZeroAndNanEqualToItself() {
    assertEquals(new ReferenceKey("a", "f", 0.0, 1, true), new ReferenceKey("a", "f", -0.0, 1, true));
    assertEquals(new ReferenceKey("g", "f", 0.1, Double.NaN, false), new ReferenceKey("g", "f", 0.1, Double.NaN, false));
    assertNotEquals(new ReferenceKey("a", "f", 0.1, 1, true), new ReferenceKey("a", "f", 0.1 + 1e-17 * 8, 1, true));
    assertNotEquals(new ReferenceKey("a", "f", 0.1, 1, true), new ReferenceKey("a", "f", 0.1, 1, false));
  }

  /** Registered before the objective is built: minimiser, minimum and reference come from it. */
  @Test
  void anObjectiveBuiltAfterRegistrationUsesItsReference() {
    Glm before = lasso(0.2);
    assertNull(before.minimiser());
    assertTrue(Double.isNaN(before.minimum()));
    assertNull(before.reference());
    double[] x = {0.5, -0.25, 0, 1.5};
    Reference r = Reference.of(before.referenceKey(), x, 1.25, 3e-12, Kind.POLISHED, "by hand", null);
    assertNull(References.register(r));
    Glm after = lasso(0.2);
    assertSame(x, after.minimiser());
    assertEquals(1.25, after.minimum(), 0.0);
    assertSame(r, after.reference());
    assertEquals(Kind.POLISHED, after.reference().kind());
    // Built before registration: keeps reporting none (documented order). Another λ: another key.
    assertNull(before.minimiser());
    assertNull(lasso(0.3).reference());
    assertEquals(1, References.size());
    assertEquals(List.of(r), References.all());
  }

  @Test
  void aReferenceOfTheWrongDimensionIsRefused() {
    Glm f = lasso(0.2);
    References.register(Reference.of(f.referenceKey(), new double[] {1, 2}, 0, 0, Kind.SPARK_ML, "wrong", null));
    assertThrows(IllegalStateException.class, () -> lasso(0.2));
  }

  /** The executor's side: the driver's list, shipped (Java serialization, as a broadcast does) and registered. */
  @Test
  void referencesTravelToExecutors() throws Exception {
    Glm f = lasso(0.2);
    Reference r = Reference.of(f.referenceKey(), new double[] {1, 2, 3, 4}, 7, 1e-13, Kind.SPARK_ML, "m", null);
    References.register(r);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new java.util.ArrayList<>(References.all()));
    }
    References.clear();
    assertNull(lasso(0.2).reference());
    @SuppressWarnings("unchecked")
    List<Reference> shipped = (List<Reference>) new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))
        .readObject();
    References.registerAll(shipped);
    assertEquals(r, lasso(0.2).reference());
    assertArrayEquals(new double[] {1, 2, 3, 4}, lasso(0.2).minimiser(), 0.0);
  }

  /** Objectives with a closed form report it as EXACT; none needs a key. */
  @Test
  void closedFormsAreExact() {
    Objective ackley = Objectives.find("ackley").create(Map.of());
    assertNull(ackley.referenceKey());
    assertEquals(Kind.EXACT, ackley.reference().kind());
    assertArrayEquals(new double[2], ackley.reference().x(), 0.0);
    Objective ridge = Objectives.find("ridge").create(Map.of());
    assertEquals(Kind.EXACT, ridge.reference().kind());
    assertSame(ridge.minimiser(), ridge.reference().x());
  }

  /**
   * group_sparse: λ = 0 is EXACT at B = I when X has full column rank; with a repeated column X has rank 2 &lt;
   * 3, every B = I + N with XN = 0 has loss 0, so no minimiser and the reason; λ &gt; 0 has a key and learns
   * a registered best-known reference.
   */
  @Test
  void groupSparse(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    Objective full = Objectives.find("group_sparse").create(Map.of());
    assertEquals(Kind.EXACT, full.reference().kind());
    assertNull(full.referenceKey());
    java.nio.file.Path csv = dir.resolve("x.csv");
    java.nio.file.Files.writeString(csv, "1,2,1\n3,1,3\n0,5,0\n2,2,2\n");
    Objective deficient = Objectives.find("group_sparse").create(Map.of("data", csv.toString()));
    assertNull(deficient.minimiser());
    assertEquals(0.0, deficient.minimum(), 0.0);
    assertTrue(deficient.reference().note().contains("rank 2 < 3"), deficient.reference().note());
    Objective penalised = Objectives.find("group_sparse").create(Map.of("lambda", 0.3));
    assertNull(penalised.reference());
    References.register(Reference.of(penalised.referenceKey(), new double[9], 0.9, Double.NaN, Kind.BEST_KNOWN,
        "hand", null));
    Objective again = Objectives.find("group_sparse").create(Map.of("lambda", 0.3));
    assertEquals(Kind.BEST_KNOWN, again.reference().kind());
    assertEquals(0.9, again.minimum(), 0.0);
  }
}
