package org.optsweep.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Param;

/**
 * Providers refuse settings that cannot make an objective before any solve starts, naming the
 * parameter and the value; and document every parameter.
 */
class ProviderValidationTest {

  private static IllegalArgumentException refused(String objective, Map<String, Object> settings) {
    return assertThrows(IllegalArgumentException.class, () -> Objectives.find(objective).create(settings));
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "message should mention '" + part + "': " + message);
    }
  }

  /** ridge.csv has 4 feature columns and y; the default dimension 5 does not fit it. */
  @Test
  void ridgeDimensionMustMatchFile() {
    String csv = Reference.file("ridge.csv");
    IllegalArgumentException e = refused("ridge", Map.of("data", csv));
    assertMentions(e.getMessage(), "objective ridge", "dimension", "5", "expected 4", "ridge.csv");
    assertEquals("dimension", ((InvalidParameterException) e).parameter());
  }

  @Test
  void ridgeNeedsAFeatureColumn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path csv = dir.resolve("y_only.csv");
    java.nio.file.Files.writeString(csv, "y\n1\n2\n");
    IllegalArgumentException e = refused("ridge", Map.of("data", csv.toString(), "dimension", 1));
    assertMentions(e.getMessage(), "data", csv.toString(), "at least 2 columns");
  }

  @Test
  void groupSparseColumnsMustMatchFile() {
    IllegalArgumentException e = refused("group_sparse",
        Map.of("data", Reference.file("group_sparse.csv"), "columns", 4));
    assertMentions(e.getMessage(), "objective group_sparse", "columns", "4", "expected 3");
  }

  @Test
  void autoencoderVisibleMustMatchFile() {
    IllegalArgumentException e = refused("autoencoder", Map.of("data", Reference.file("autoencoder.csv")));
    assertMentions(e.getMessage(), "objective autoencoder", "visible", "8", "expected 5");
  }

  @Test
  void missingDataFileNamesThePath() {
    IllegalArgumentException e = refused("ridge", Map.of("data", "/no/such/dir/data.csv"));
    assertMentions(e.getMessage(), "/no/such/dir/data.csv", "no such file");
  }

  @Test
  void rangesAreEnforced() {
    assertMentions(refused("autoencoder", Map.of("rho", 1.0)).getMessage(), "rho", "1.0", "(0, 1)");
    assertMentions(refused("ridge", Map.of("lambda", -0.5)).getMessage(), "lambda", "-0.5");
    assertMentions(refused("group_sparse", Map.of("columns", 0)).getMessage(), "columns", "0");
    assertMentions(refused("autoencoder", Map.of("hidden", 1000, "visible", 1000)).getMessage(),
        "hidden", "1000", "dimension would be 2002000");
    assertMentions(refused("ridge", Map.of("rows", 100_000_000, "dimension", 10)).getMessage(),
        "rows", "100000000");
  }

  /** Every parameter of the new objectives carries a doc string (shown by {@code optsweep list}). */
  @Test
  void everyParameterIsDocumented() {
    for (String name : new String[] {"ridge", "group_sparse", "autoencoder", "elastic_net", "logistic"}) {
      ObjectiveProvider p = Objectives.find(name);
      assertFalse(p.description().isBlank());
      for (Param param : p.params()) {
        assertTrue(param.doc().length() > 10, name + "." + param.name() + " has no real doc");
      }
      // Defaults alone make a usable objective (generated data).
      Objective f = p.create(Map.of());
      assertEquals(name, f.name());
    }
  }
}
