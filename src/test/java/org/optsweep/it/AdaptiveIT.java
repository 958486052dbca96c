package org.optsweep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Hyperband through bin/optsweep in separate processes: the same rungs, survivors and rows on 1 and 4 cores, and
 * after the driver is killed between rungs and the run is resumed.
 */
class AdaptiveIT {
  /** R = 810, r = 10, eta = 3: 5 brackets, 143 settings, rung levels 0-4 (chunks 0-4, the confirmation 5). */
  static final String JOB = String.join("\n", "name: hyperband-it", "seed: 11",
      "objective: {name: ackley, dimension: 2}", "start: [25, 20]", "solver: nag", "stopping: {max_iterations: 810}",
      "parameters:", "  gamma: {values: [0.0, 0.2, 0.5, 0.9]}", "  schedule: {values: [constant, exponential]}",
      "  schedule.lr0: {distribution: log_uniform, min: 1.0e-3, max: 3}",
      "  schedule.decay: {distribution: uniform, min: 0.99, max: 0.9995}",
      "search: {method: hyperband, metric: value_gap, min_iterations: 10, eta: 3, replicate_growth: 2}",
      "replicates: {count: 2, start_jitter: 0.01}", "targets: {distance: 2.0e-4, value_gap: 5.0e-4}",
      "trace: {points: 10}", "confirmation: {top: 3, replicates: 10}", "");
  /** The search's rows: per bracket, (n_i - n_{i+1}) settings stop at rung i with 2 * 2^i replicates. */
  static final long SEARCH_ROWS = (54 * 2 + 18 * 4 + 6 * 8 + 2 * 16 + 32) + (23 * 2 + 8 * 4 + 2 * 8 + 16)
      + (10 * 2 + 4 * 4 + 8) + (6 * 2 + 2 * 4) + 5 * 2;

  static Path job() throws Exception {
    Path job = Proc.IT.resolve("hyperband.yaml");
    Files.createDirectories(job.getParent());
    Files.writeString(job, JOB);
    return job;
  }

  static Path run(String name, String master) throws Exception {
    Path out = Proc.IT.resolve(name);
    Proc.deleteTree(out);
    Path log = Proc.IT.resolve(name + ".log");
    assertEquals(0, Proc.run(log, 600, "bin/optsweep", "run", job().toString(), "--out", out.toString(), "--master",
        master), Proc.tail(log));
    return out;
  }

  @Test
  void theSameRungsAndSurvivorsOnOneAndFourCoresAndAfterAResume() throws Exception {
    Path one = run("hb-1", "local[1]");
    Path four = run("hb-4", "local[4]");
    assertEquals(SEARCH_ROWS + 3 * 10, Tables.scalar("SELECT count(*) FROM " + Tables.runs(one)));
    // Every setting once in runs/ (at the rung it stopped at) and in summary/.
    assertEquals(143, Tables.scalar("SELECT count(DISTINCT trial) FROM " + Tables.runs(one) + " WHERE stage = 'search'"));
    assertEquals(1, Tables.scalar("SELECT count(*) FROM (SELECT DISTINCT trial, budget FROM " + Tables.runs(one)
        + " WHERE stage = 'search' AND rung = 4 AND bracket = 0)"));
    assertEquals(0, Tables.difference(one, four, "wall_ms, executor"));
    assertEquals(0, Tables.rungsDifference(one, four));
    assertEquals(0, Tables.summaryDifference(one, four));

    // Killed between rungs (SIGKILL, once the third rung level is committed), then resumed.
    Path out = Proc.IT.resolve("hb-resume");
    Proc.deleteTree(out);
    Path log = Proc.IT.resolve("hb-resume-first.log");
    Process p = Proc.start(log, "bin/optsweep", "run", job().toString(), "--out", out.toString(), "--master",
        "local[2]");
    assertTrue(Proc.await(600, () -> Files.exists(out.resolve("_chunks/2"))), Proc.tail(log));
    p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor();
    assertFalse(Files.exists(out.resolve("_SUCCESS")));
    Set<String> committed = new HashSet<>();
    try (var s = Files.list(out.resolve("_chunks"))) {
      s.map(c -> c.getFileName().toString()).filter(c -> !c.startsWith(".")).forEach(committed::add);
    }
    assertTrue(committed.size() >= 3 && committed.size() < 6, "committed rungs " + committed);
    Path log2 = Proc.IT.resolve("hb-resume-second.log");
    assertEquals(0, Proc.run(log2, 600, "bin/optsweep", "run", "--resume", out.toString(), "--master", "local[2]"),
        Proc.tail(log2));
    JsonNode j = new ObjectMapper().readTree(out.resolve("job.json").toFile());
    assertEquals("SUCCEEDED", j.get("status").asText());
    assertEquals(committed.size(), j.get("chunks_skipped").asInt(), "committed rungs are not recomputed");
    assertEquals(0, Tables.difference(one, out, "wall_ms, executor"));
    assertEquals(0, Tables.rungsDifference(one, out));
    assertEquals(0, Tables.summaryDifference(one, out));
  }
}
