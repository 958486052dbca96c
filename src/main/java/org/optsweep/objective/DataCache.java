package org.optsweep.objective;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.optsweep.objective.DataSets.Format;

/**
 * Data matrices shared by every objective instance in a JVM.
 *
 * <p>A Spark executor runs many solves of the same data-driven objective at once, each with its own
 * (not thread-safe) {@link Objective} instance; reading the CSV per instance would multiply both I/O
 * and memory by the number of concurrent solves. So a file is parsed once per (absolute path,
 * last-modified time) and the same {@code double[][]} is handed to every caller. The arrays are shared
 * and therefore <b>read-only by contract</b>: objectives never write to them. When a file's
 * modification time changes, the next {@link #read} parses it again and the old copy is released.
 *
 * <p>Also holds the generators for the synthetic data objectives use when no file is given, so that
 * the random streams are defined (and documented) in one place.
 */
public final class DataCache {
  private DataCache() {}

  private record Entry(long lastModifiedMillis, double[][] data) {}

  private static final ConcurrentHashMap<Path, Entry> CACHE = new ConcurrentHashMap<>();
  /** The largest data file read, in bytes: the job's limits.data_file_mb (one job per JVM at a time). */
  private static volatile long maxBytes = 1L << 30;

  /** Sets the largest data file {@link #read} accepts (checked before reading), in bytes. */
  public static void setMaxBytes(long bytes) {
    maxBytes = bytes;
  }

  /**
   * The matrix in a CSV file (format: {@link CsvMatrix}), parsed at most once per path and version.
   *
   * @param path a file path, relative to the working directory or absolute
   * @return rows × columns; shared, must not be modified
   * @throws IllegalArgumentException when the file is missing or unreadable (message: the absolute path
   *                                  and the reason) or malformed (file, line, column, text, expectation)
   */
  public static double[][] read(String path) {
    // A data set the driver read and shipped (a cluster's executors may not see the driver's files).
    double[][] shipped = DataSets.registered(Format.CSV, path);
    if (shipped != null) {
      return shipped;
    }
    Path abs;
    try {
      abs = Path.of(path).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new DataFileException(path, "data file '" + path + "' is not a valid path (" + e.getReason() + ")");
    }
    long modified;
    try {
      if (Files.isDirectory(abs)) {
        throw new DataFileException(path, "data file " + abs + " cannot be read: it is a directory (expected a CSV file of numbers)");
      }
      if (Files.exists(abs) && !Files.isRegularFile(abs)) {
        // A pipe or a device would block or never end: refused before it is opened.
        throw new DataFileException(path, "data file " + abs + " cannot be read: it is not a regular file"
            + " (a device, pipe or socket; expected a CSV file of numbers)");
      }
      modified = Files.getLastModifiedTime(abs).toMillis();
      long size = Files.size(abs);
      if (size > maxBytes) {
        throw new DataFileException(path, "data file " + abs + " has " + size + " bytes, more than the limit of "
            + (maxBytes >> 20) + " MiB (limits.data_file_mb); expected a smaller file or a higher limit");
      }
    } catch (IOException e) {
      throw unreadable(abs, e);
    }
    Entry cached = CACHE.get(abs);
    if (cached != null && cached.lastModifiedMillis() == modified) {
      return cached.data();
    }
    // compute() serialises concurrent first reads of one path, so a big file is parsed once, not once
    // per task thread that asks for it at the same moment.
    return CACHE.compute(abs, (p, old) -> {
      if (old != null && old.lastModifiedMillis() == modified) {
        return old;
      }
      try (Reader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        return new Entry(modified, CsvMatrix.parse(p.toString(), in));
      } catch (IOException e) {
        throw unreadable(p, e);
      }
    }).data();
  }

  /** Forgets every cached file and built value (tests; a long-lived driver that wants memory back). */
  public static void clear() {
    CACHE.clear();
    synchronized (BUILT) {
      BUILT.clear();
    }
    Glm.clearPrepared();
  }

  /** Most generated data sets and exact optima kept: the trials of a task reuse few distinct ones. */
  static final int MAX_BUILT = 32;

  /** Values expensive to build (generated data, exact optima), least recently used dropped first. */
  private static final java.util.Map<String, Object> BUILT = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(java.util.Map.Entry<String, Object> eldest) {
      return size() > MAX_BUILT;
    }
  };

  /**
   * The value built for {@code key}, built once per JVM while it stays among the {@link #MAX_BUILT}
   * most recently used — so that every trial of a task, and the driver's validation, share one generated
   * data set and one exact optimum instead of building them per trial. Values are shared: read-only.
   */
  @SuppressWarnings("unchecked")
  static <T> T memo(String key, java.util.function.Supplier<T> build) {
    synchronized (BUILT) {
      Object v = BUILT.get(key);
      if (v != null) {
        return (T) v;
      }
    }
    T v = build.get();
    synchronized (BUILT) {
      Object old = BUILT.putIfAbsent(key, v);
      return old != null ? (T) old : v;
    }
  }

  /** A key that changes when the file does: its absolute path and modification time. */
  static String fileKey(String path) {
    java.nio.file.Path abs = java.nio.file.Path.of(path).toAbsolutePath().normalize();
    try {
      return abs + "@" + Files.getLastModifiedTime(abs).toMillis();
    } catch (IOException e) {
      throw unreadable(abs, e);
    }
  }

  private static DataFileException unreadable(Path p, IOException e) {
    String reason;
    if (e instanceof NoSuchFileException) {
      reason = "no such file";
    } else if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof java.nio.charset.CharacterCodingException) {
      reason = "not UTF-8 text";
    } else {
      reason = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    }
    return new DataFileException(p.toString(), "data file " + p + " cannot be read: " + reason
        + " (expected a readable CSV file of numbers)");
  }

  /**
   * A standard normal deviate by the Box-Muller transform, z = √(−2 ln u₁)·cos(2π u₂), using two fresh
   * uniforms per deviate (the sine partner is discarded so that no state is hidden outside {@code rng}).
   * u₁ = 1 − nextDouble() lies in (0, 1], so the logarithm is finite. Uses {@link StrictMath} so that
   * generated data sets are bit-identical on every JVM and CPU.
   */
  static double standardNormal(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  /** A rows × cols matrix of standard normals, filled row by row from {@code rng}. */
  static double[][] gaussian(int rows, int cols, SplittableRandom rng) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = standardNormal(rng);
      }
    }
    return m;
  }
}
