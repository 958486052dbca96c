package org.optsweep.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bin/optsweep as a separate process: the same numbers on 1, 2 or 4 cores; resume after a kill. */
class RunIT {

  @Test
  void theRunsTableIsIdenticalOnOneTwoAndFourCores() throws Exception {
    Map<String, Path> outs = new HashMap<>();
    for (String m : new String[] {"local[1]", "local[2]", "local[4]"}) {
      Path out = Proc.IT.resolve("cores-" + m.replaceAll("\\D", ""));
      Proc.deleteTree(out);
      Path log = Proc.IT.resolve("cores-" + m.replaceAll("\\D", "") + ".log");
      assertEquals(0, Proc.run(log, 600, "bin/optsweep", "run", "src/test/resources/jobs/e2e.yaml", "--out",
          out.toString(), "--master", m), Proc.tail(log));
      outs.put(m, out);
    }
    // 33 search solves, then the best 2 settings of each of the 2 studies on 4 fresh starts.
    assertEquals(33 + 16, Tables.scalar("SELECT count(*) FROM " + Tables.runs(outs.get("local[1]"))));
    assertEquals(0, Tables.difference(outs.get("local[1]"), outs.get("local[2]"), "wall_ms, executor"));
    assertEquals(0, Tables.difference(outs.get("local[1]"), outs.get("local[4]"), "wall_ms, executor"));
    // summary/ too: its bootstrap intervals are seeded by (job seed, stage, study, trial), not the task.
    assertEquals(0, Tables.summaryDifference(outs.get("local[1]"), outs.get("local[2]")));
    assertEquals(0, Tables.summaryDifference(outs.get("local[1]"), outs.get("local[4]")));
  }

  @Test
  void resumeAfterTheDriverIsKilledFinishesExactlyOnce() throws Exception {
    Path job = Proc.IT.resolve("resume.yaml");
    Files.createDirectories(job.getParent());
    Files.writeString(job, String.join("\n", "name: resume", "seed: 4", "objective: {name: ackley, dimension: 2}",
        "start: [25, 20]", "solver: nag", "schedule: exponential", "stopping: {max_iterations: 3000}",
        "parameters:", "  gamma: {values: [0.0, 0.2, 0.5]}",
        "  schedule.lr0: {distribution: log_uniform, min: 1.0e-2, max: 2}",
        "  schedule.decay: {distribution: uniform, min: 0.99, max: 0.999}",
        "search: {method: random, trials: 1200}", "replicates: {count: 4, start_jitter: 0.01}",
        "targets: {distance: 2.0e-4, value_gap: 5.0e-4}", "execution: {trials_per_chunk: 100}",
        "confirmation: {top: 3, replicates: 10}", ""));
    Path out = Proc.IT.resolve("resume-out");
    Proc.deleteTree(out);
    Path log = Proc.IT.resolve("resume-first.log");
    Process p = Proc.start(log, "bin/optsweep", "run", job.toString(), "--out", out.toString(), "--master", "local[2]");
    assertTrue(Proc.await(600, () -> Files.exists(out.resolve("_chunks/2"))), Proc.tail(log));
    // The driver dies without warning (SIGKILL: no shutdown hook, no clean-up).
    p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor();
    assertFalse(Files.exists(out.resolve("_SUCCESS")));
    Map<String, FileTime> committed = new HashMap<>();
    try (var s = Files.list(out.resolve("_chunks"))) {
      for (Path c : s.filter(c -> !c.getFileName().toString().startsWith(".")).toList()) {
        committed.put(c.getFileName().toString(), Files.getLastModifiedTime(c));
      }
    }
    assertTrue(committed.size() >= 3 && committed.size() < 12, "committed chunks " + committed.keySet());
    Path log2 = Proc.IT.resolve("resume-second.log");
    assertEquals(0, Proc.run(log2, 900, "bin/optsweep", "run", "--resume", out.toString(), "--master", "local[2]"),
        Proc.tail(log2));
    // The search's 4,800 solves, then its best 3 settings on 10 fresh starts each.
    assertEquals(1200L * 4 + 30, Tables.scalar("SELECT count(*) FROM " + Tables.runs(out)));
    assertEquals(1200L * 4 + 30, Tables.scalar("SELECT count(DISTINCT (stage, trial, replicate)) FROM "
        + Tables.runs(out)));
    JsonNode j = new ObjectMapper().readTree(out.resolve("job.json").toFile());
    assertEquals("SUCCEEDED", j.get("status").asText());
    assertEquals(committed.size(), j.get("chunks_skipped").asInt(), "committed chunks are not recomputed");
    for (var e : committed.entrySet()) {
      assertEquals(e.getValue(), Files.getLastModifiedTime(out.resolve("_chunks").resolve(e.getKey())));
    }
    // The resumed output equals an uninterrupted run of the same job.
    Path fresh = Proc.IT.resolve("resume-fresh");
    Proc.deleteTree(fresh);
    Path log3 = Proc.IT.resolve("resume-fresh.log");
    assertEquals(0, Proc.run(log3, 900, "bin/optsweep", "run", job.toString(), "--out", fresh.toString(),
        "--master", "local[2]"), Proc.tail(log3));
    assertEquals(0, Tables.difference(out, fresh, "wall_ms, executor"));
  }
}
