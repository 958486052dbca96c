package org.optsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsweep.cli.Main;

/**
 * The environment failing during a run — a full disk, an output that turns read-only — on real file
 * systems the test mounts (a size-limited tmpfs; a read-only bind mount): one clear line and exit 1,
 * job.json FAILED with the reason, no staged files left, and {@code --resume} then completes with
 * exactly the expected rows. Needs root (mount); CI runs as root.
 */
class EnvironmentFailureTest {
  @TempDir
  Path tmp;
  private final java.util.List<Path> mounts = new java.util.ArrayList<>();

  static final int TRIALS = 3000;
  static final int REPLICATES = 4;

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) {
    SharedSpark.get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static void sh(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    }
  }

  Path tmpfs(String name, String size) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    try {
      sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    } catch (Exception e) {
      Assumptions.abort("cannot mount a tmpfs here (needs root): " + e.getMessage());
    }
    mounts.add(0, dir);
    return dir;
  }

  @AfterEach
  void unmount() {
    for (Path m : mounts) {
      try {
        sh("umount", "-l", m.toString());
      } catch (Exception e) {
        // already unmounted
      }
    }
  }

  /** NAG on Ackley with traces: about 6 MB of Parquet, in 12 chunks. */
  Path job() throws Exception {
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, "name: env\nseed: 3\nobjective: {name: ackley, dimension: 2}\nstart: [3, 2]\nsolver: nag\n"
        + "stopping: {max_iterations: 300}\nparameters:\n  gamma: {distribution: uniform, min: 0, max: 0.9}\n"
        + "  schedule.lr0: {distribution: log_uniform, min: 1.0e-3, max: 1}\n"
        + "search: {method: random, trials: " + TRIALS + "}\nreplicates: {count: " + REPLICATES
        + ", start_jitter: 0.1}\ntrace: {points: 40, replicates: " + REPLICATES + "}\n"
        + "execution: {trials_per_chunk: 250}\nconfirmation: {enabled: false}\n");
    return job;
  }

  static void assertFailedCleanly(Outcome o, Path out, String cause) throws Exception {
    assertEquals(1, o.code(), o.err());
    assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
    assertTrue(o.err().contains(cause), o.err());
    assertFalse(o.err().contains("\tat "), o.err());
    JsonNode j = new ObjectMapper().readTree(out.resolve("job.json").toFile());
    assertEquals("FAILED", j.get("status").asText());
    assertTrue(j.get("error").asText().contains(cause), j.toString());
    assertFalse(Files.exists(out.resolve("_temporary")), "staged files left behind");
    assertFalse(Files.exists(out.resolve("_SUCCESS")));
  }

  static void assertComplete(Path out) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT (trial, replicate)) FROM read_parquet('"
             + out.resolve("runs") + "/**/*.parquet', hive_partitioning = true)")) {
      rs.next();
      assertEquals((long) TRIALS * REPLICATES, rs.getLong(1));
      assertEquals((long) TRIALS * REPLICATES, rs.getLong(2));
    }
    assertEquals("SUCCEEDED", new ObjectMapper().readTree(out.resolve("job.json").toFile()).get("status").asText());
  }

  @Test
  void aFullDiskIsOneLineAndAFailedJobThatResumeFinishes() throws Exception {
    Path disk = tmpfs("disk", "2m");
    Path out = disk.resolve("out");
    Outcome o = run("run", job().toString(), "--out", out.toString());
    assertFailedCleanly(o, out, "No space left on device");
    sh("mount", "-o", "remount,size=64m", disk.toString());
    Outcome r = run("run", "--resume", out.toString());
    assertEquals(0, r.code(), r.err());
    assertComplete(out);
  }

  @Test
  void anOutputThatTurnsReadOnlyIsOneLineAndAFailedJobThatResumeFinishes() throws Exception {
    Path disk = tmpfs("ro", "64m");
    Path out = disk.resolve("out");
    Path runs = out.resolve("runs");
    CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> {
      try {
        return run("run", job().toString(), "--out", out.toString());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // Once the first chunk is in, runs/ becomes a read-only mount: the next commit cannot rename into it.
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!Files.exists(out.resolve("_chunks/0")) && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    sh("mount", "--bind", runs.toString(), runs.toString());
    mounts.add(0, runs);
    sh("mount", "-o", "remount,bind,ro", runs.toString());
    Outcome o = running.get();
    assertFailedCleanly(o, out, "Read-only file system");
    sh("umount", runs.toString());
    mounts.remove(runs);
    Outcome r = run("run", "--resume", out.toString());
    assertEquals(0, r.code(), r.err());
    assertComplete(out);
  }
}
