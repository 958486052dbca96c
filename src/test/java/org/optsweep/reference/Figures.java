package org.optsweep.reference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Measured figures that tests record (iterations, errors, residuals per case) for the docs and reviews,
 * written to {@code target/figures/<name>.txt} instead of the console (tests here do not print).
 */
public final class Figures {
  private Figures() {}

  /** Starts {@code target/figures/<name>.txt} afresh with a header line. */
  public static synchronized void start(String name, String header) {
    write(name, header + System.lineSeparator(), false);
  }

  /** Appends one line to {@code target/figures/<name>.txt}. */
  public static synchronized void add(String name, String line) {
    write(name, line + System.lineSeparator(), true);
  }

  private static void write(String name, String text, boolean append) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "figures"));
      Files.writeString(dir.resolve(name + ".txt"), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
