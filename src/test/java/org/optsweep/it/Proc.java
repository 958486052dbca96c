package org.optsweep.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the product's own scripts as a user would, output to a log file, with a time limit. */
final class Proc {
  private Proc() {}

  static final Path HOME = Path.of("").toAbsolutePath();
  static final Path IT = HOME.resolve("target/it");

  /** Starts a command in the project folder, stdout and stderr to {@code log}. */
  static Process start(Path log, String... cmd) throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(List.of(cmd)).directory(HOME.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return pb.start();
  }

  /** Runs a command to completion; returns its exit code. */
  static int run(Path log, long timeoutSeconds, String... cmd) throws Exception {
    Process p = start(log, cmd);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s; log:\n" + tail(log));
    }
    return p.exitValue();
  }

  static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  static String tail(Path log) throws IOException {
    String s = read(log);
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }

  /** Waits until {@code cond} holds, polling; false on time-out. */
  static boolean await(long timeoutSeconds, java.util.function.BooleanSupplier cond) throws InterruptedException {
    long end = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      if (cond.getAsBoolean()) {
        return true;
      }
      Thread.sleep(200);
    }
    return cond.getAsBoolean();
  }

  static void deleteTree(Path p) throws IOException {
    if (Files.exists(p)) {
      try (var s = Files.walk(p)) {
        s.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }
}
