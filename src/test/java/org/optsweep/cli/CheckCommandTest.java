package org.optsweep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code optsweep check} and the job-level {@code check: {gradient: true}}: the seed's disconnected
 * gradient (an objective that ignores part of its input) answered by a command.
 */
class CheckCommandTest {
  @TempDir
  Path tmp;

  @Test
  void aCorrectGradientPasses() {
    var o = SolveCommandTest.run("check", "--objective", "rosenbrock", "--set", "dimension=3", "--at", "0.5,-1,2");
    assertEquals(0, o.code(), o.err());
    assertTrue(o.out().startsWith("passed: OK"), o.out());
  }

  @Test
  void aDisconnectedGradientFailsAndNamesTheIgnoredCoordinate() {
    var o = SolveCommandTest.run("check", "--objective", "disconnected");
    // Exit 1: the check ran and failed (not bad input, which is 2).
    assertEquals(1, o.code(), o.out() + o.err());
    // The analytic d/dx1 is 1, the central difference of a function that ignores x1 is 0: relative error 1.
    assertTrue(o.out().contains("FAILED: MISMATCH") && o.out().contains("worst relative gradient error 1.00 at"
        + " coordinate 1"), o.out());
    assertTrue(o.out().contains("does not change with coordinate 1"), o.out());
  }

  @Test
  void aJobCanCheckEveryObjectiveSettingBeforeAnyTrial() throws Exception {
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, "name: j\nobjective: disconnected\nstart: [1, 1]\nsolver: lbfgs\ncheck: {gradient: true}\n");
    var o = SolveCommandTest.run("validate", job.toString());
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains(job + ":3:8: objective (check.gradient)"), o.err());
    assertTrue(o.err().contains("ignores part of its input"), o.err());
    Files.writeString(job, "name: j\nobjective: rosenbrock\nstart: [1, 1]\nsolver: lbfgs\ncheck: {gradient: true}\n");
    assertEquals(0, SolveCommandTest.run("validate", job.toString()).code());
  }
}
