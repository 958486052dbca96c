package org.optsweep.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.optsweep.InputException;

/**
 * What optsweep may replace, decided before anything is deleted. An output is replaced (by
 * {@code --overwrite}) only when its own {@code job.json} carries optsweep's format marker and the
 * directory holds nothing but optsweep's entries; a user's folder that merely looks like an output
 * (a {@code job.yaml} in it) is refused with the foreign entries named. Paths whose loss would be a
 * disaster — blank, the file system's root, the home directory, the working directory and every
 * directory above it — are never used as an output at all. Even a recognised output is cleared entry
 * by entry ({@link #OWN_ENTRIES}), never by deleting its root, so a file put there meanwhile survives.
 */
final class OutputGuard {
  private OutputGuard() {}

  /** The format marker optsweep writes into job.json: {@code "format": "optsweep-output"}. */
  public static final String FORMAT = "optsweep-output";
  /** The version of the output layout written next to the marker. */
  public static final int FORMAT_VERSION = 1;

  /** The entries of an output root that optsweep writes; anything else is the user's. */
  static final Set<String> OWN_ENTRIES = Set.of(Tables.RUNS, Tables.TRACES, Tables.SUMMARY, Tables.REFERENCES,
      Rungs.NAME,
      Output.JOB_JSON,
      Output.JOB_YAML, Output.CHUNKS, Output.SUCCESS, ChunkCommit.STAGING, "." + Output.JOB_JSON + ".tmp",
      "." + Output.JOB_YAML + ".tmp", "." + Output.SUCCESS + ".tmp", Tables.ECDF, Tables.FIXED_BUDGET,
      Tables.SENSITIVITY, Tables.IMPORTANCE, Output.ANALYSIS_JSON, "." + Output.ANALYSIS_JSON + ".tmp",
      Output.REPORT_HTML, "." + Output.REPORT_HTML + ".tmp");

  /**
   * Refuses a location that must never be an output: blank, or (on the local file system) the root,
   * the home directory, the working directory or one of its parents.
   *
   * @param option the command-line option that gave it, for the message
   */
  static void checkLocation(String option, String location) {
    if (location == null || location.isBlank()) {
      throw new InputException("option " + option + " given invalid value '" + (location == null ? "" : location)
          + "': expected a directory path (a blank path would mean the working directory; is a shell variable unset?)");
    }
    for (int i = 0; i < location.length(); i++) {
      if (Character.isISOControl(location.charAt(i))) {
        throw new InputException("option " + option + " given invalid value '" + location + "': expected a path"
            + " without control characters");
      }
    }
    if (location.contains("://") && !location.startsWith("file:")) {
      return;
    }
    File f = location.startsWith("file:") ? new File(java.net.URI.create(location).getPath()) : new File(location);
    File abs;
    try {
      abs = f.getAbsoluteFile().getCanonicalFile();
    } catch (IOException | IllegalArgumentException e) {
      abs = f.getAbsoluteFile();
    }
    String why = protectedReason(abs);
    if (why != null) {
      throw new InputException("option " + option + " given invalid value '" + location + "': " + abs + " is " + why
          + "; expected a directory of its own for the output (such as out/NAME)");
    }
    // The nearest existing directory above must be a directory one can write in: found now, not
    // after Spark has started.
    File up = abs;
    while (up != null && !up.exists()) {
      up = up.getParentFile();
    }
    if (up != null && up != abs && !up.isDirectory()) {
      throw new InputException("option " + option + " given invalid value '" + location + "': " + up + " is a file,"
          + " so no directory can be made below it; expected a directory path");
    }
    File writable = abs.exists() ? abs : up;
    if (writable != null && writable.isDirectory() && !java.nio.file.Files.isWritable(writable.toPath())) {
      throw new InputException("option " + option + " given invalid value '" + location + "': cannot write in "
          + writable + " (read-only or permission denied)");
    }
  }

  private static String protectedReason(File abs) {
    if (abs.getParentFile() == null) {
      return "the root of the file system";
    }
    String home = System.getProperty("user.home");
    if (home != null && sameFile(abs, new File(home))) {
      return "the home directory";
    }
    File cwd = new File(System.getProperty("user.dir")).getAbsoluteFile();
    for (File d = canonical(cwd); d != null; d = d.getParentFile()) {
      if (sameFile(abs, d)) {
        return d.equals(canonical(cwd)) ? "the working directory" : "a parent of the working directory";
      }
    }
    return null;
  }

  private static File canonical(File f) {
    try {
      return f.getCanonicalFile();
    } catch (IOException e) {
      return f.getAbsoluteFile();
    }
  }

  private static boolean sameFile(File a, File b) {
    return canonical(a).equals(canonical(b));
  }

  /**
   * Checks that the existing, non-empty directory {@code out} may be replaced: its job.json has
   * optsweep's format marker and every entry is optsweep's.
   *
   * @throws InputException naming what is not optsweep's; nothing is deleted
   */
  static void checkReplaceable(Output out, String location) throws IOException {
    checkOwn(out, location, "--overwrite replaces only optsweep outputs, so nothing was deleted");
  }

  /**
   * Checks that {@code out} is optsweep's: its job.json has the format marker and every entry is
   * optsweep's; {@code consequence} says what was therefore not done.
   */
  static void checkOwn(Output out, String location, String consequence) throws IOException {
    List<String> foreign = new ArrayList<>();
    for (FileStatus s : out.fs.listStatus(out.root)) {
      String name = s.getPath().getName();
      if (!isOwn(name)) {
        foreign.add(name + (s.isDirectory() ? "/" : ""));
      }
    }
    if (!foreign.isEmpty()) {
      java.util.Collections.sort(foreign);
      throw new InputException("output " + location + " is not an optsweep output: it holds "
          + (foreign.size() <= 10 ? String.join(", ", foreign) : String.join(", ", foreign.subList(0, 10))
              + " and " + (foreign.size() - 10) + " more")
          + ", which optsweep did not write; " + consequence);
    }
    String marker = null;
    if (out.exists(Output.JOB_JSON)) {
      try {
        JsonNode j = new ObjectMapper().readTree(out.read(Output.JOB_JSON));
        marker = j == null || j.get("format") == null ? null : j.get("format").asText();
      } catch (IOException e) {
        marker = null;
      }
    }
    if (!FORMAT.equals(marker)) {
      throw new InputException("output " + location + " is not an optsweep output: its " + Output.JOB_JSON
          + (out.exists(Output.JOB_JSON) ? " has no \"format\": \"" + FORMAT + "\" marker" : " is missing")
          + " (outputs of optsweep before 0.1 have none); " + consequence);
    }
  }

  private static boolean isOwn(String name) {
    if (OWN_ENTRIES.contains(name)) {
      return true;
    }
    // Hadoop's local checksum companions of our own files (.job.json.crc).
    return name.startsWith(".") && name.endsWith(".crc") && OWN_ENTRIES.contains(name.substring(1, name.length() - 4));
  }

  /** Deletes optsweep's entries of {@code out}, one by one; the root and anything else stay. */
  static void clear(Output out) throws IOException {
    for (FileStatus s : out.fs.listStatus(out.root)) {
      if (isOwn(s.getPath().getName())) {
        out.fs.delete(new Path(out.root, s.getPath().getName()), true);
      }
    }
  }
}
