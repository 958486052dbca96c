package org.optsweep.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsweep.cli.Main;

/**
 * --overwrite replaces only what optsweep itself wrote; a blank path, the working directory, its
 * parents and the home directory are never an output. Every refusal happens before Spark starts
 * and leaves every file where it was.
 */
class OutputSafetyTest {
  @TempDir
  Path tmp;

  record Outcome(int code, String out, String err) {}

  static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path job() throws Exception {
    Path p = tmp.resolve("tiny.yaml");
    Files.writeString(p, "name: tiny\nobjective: sphere\nstart: [1, 1]\nsolver: gd\nstopping: {max_iterations: 5}\n");
    return p;
  }

  @Test
  void aForeignDirectoryWithAJobYamlIsNeverOverwritten() throws Exception {
    Path dir = tmp.resolve("thesis");
    Files.createDirectories(dir.resolve("figures"));
    Files.writeString(dir.resolve("job.yaml"), "my own notes");
    Files.writeString(dir.resolve("precious.txt"), "chapter 1");
    Files.writeString(dir.resolve("figures/plot.png"), "png");
    Outcome o = run("run", job().toString(), "--out", dir.toString(), "--overwrite");
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("not an optsweep output"), o.err());
    assertTrue(o.err().contains("figures/, precious.txt"), o.err());
    assertEquals("chapter 1", Files.readString(dir.resolve("precious.txt")));
    assertEquals("my own notes", Files.readString(dir.resolve("job.yaml")));
    assertEquals("png", Files.readString(dir.resolve("figures/plot.png")));
  }

  @Test
  void anOutputWithoutTheFormatMarkerIsNeverOverwritten() throws Exception {
    // Only optsweep's entry names, but its job.json was not written by optsweep (or by an old version).
    Path dir = tmp.resolve("lookalike");
    Files.createDirectories(dir.resolve("runs"));
    Files.writeString(dir.resolve("runs/data.csv"), "1,2");
    Files.writeString(dir.resolve("job.yaml"), "name: x");
    Files.writeString(dir.resolve("job.json"), "{\"status\": \"SUCCEEDED\"}");
    Outcome o = run("run", job().toString(), "--out", dir.toString(), "--overwrite");
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("has no \"format\": \"optsweep-output\" marker"), o.err());
    assertEquals("1,2", Files.readString(dir.resolve("runs/data.csv")));
  }

  @Test
  void blankAndProtectedPathsAreRefusedBeforeAnyWork() throws Exception {
    Path sentinel = tmp.resolve("sentinel.txt");
    Files.writeString(sentinel, "keep");
    String cwd = System.getProperty("user.dir");
    for (String bad : new String[] {"", "   ", ".", cwd, Path.of(cwd).getParent().toString(), "/",
        System.getProperty("user.home")}) {
      Outcome o = run("run", job().toString(), "--out", bad, "--overwrite");
      assertEquals(2, o.code(), "--out '" + bad + "': " + o.err());
      assertTrue(o.err().contains("option --out given invalid value '" + bad + "'"), o.err());
      assertFalse(o.err().contains("\tat "), o.err());
    }
    Outcome o = run("run", "--resume", "");
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("option --resume given invalid value ''"), o.err());
    assertEquals("keep", Files.readString(sentinel));
    assertTrue(Files.exists(Path.of(cwd, "pom.xml")));
  }

  @Test
  void anOptsweepOutputIsReplacedEntryByEntry() throws Exception {
    SharedSpark.get();
    Path out = tmp.resolve("out");
    assertEquals(0, run("run", job().toString(), "--out", out.toString()).code());
    var json = new ObjectMapper().readTree(out.resolve("job.json").toFile());
    assertEquals("optsweep-output", json.get("format").asText());
    String started = json.get("started").asText();
    Outcome o = run("run", job().toString(), "--out", out.toString(), "--overwrite");
    assertEquals(0, o.code(), o.err());
    var again = new ObjectMapper().readTree(out.resolve("job.json").toFile());
    assertFalse(started.equals(again.get("started").asText()));
    assertEquals("SUCCEEDED", again.get("status").asText());
    // A user's file added afterwards makes it foreign again: refused, and the file stays.
    Files.writeString(out.resolve("notes.md"), "mine");
    o = run("run", job().toString(), "--out", out.toString(), "--overwrite");
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("notes.md"), o.err());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    assertEquals("mine", Files.readString(out.resolve("notes.md")));
  }
}
