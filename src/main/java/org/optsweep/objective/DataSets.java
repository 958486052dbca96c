package org.optsweep.objective;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Data sets of the data-driven objectives — CSV, Parquet or LIBSVM — loaded once and shared, plus a
 * registry through which the driver hands executors the exact matrix it loaded.
 *
 * <p>Every data set is a matrix in the CSV layout: rows are observations, the last column is the response.
 * {@link #load} first consults the registry under the source's {@link Source#key() key}; only then does it
 * read: a CSV through {@link DataCache} (parsed once per file version), Parquet with parquet-mr
 * ({@link ParquetMatrix}: no Spark needed) and LIBSVM through MLlib's data source ({@link LibsvmMatrix}: needs
 * an active SparkSession). A Parquet or LIBSVM read is registered, so it happens once per JVM.
 *
 * <p>Driver protocol (the driver integration lives in {@code org.optsweep.spark}): build each distinct
 * objective setting on the driver (which loads its data), ship {@link #registered()} to the executors
 * (a broadcast), and on an executor call {@link #registerAll} before building objectives. Then every
 * executor sees the driver's bits, and LIBSVM needs no session there.
 *
 * <p>Matrices are shared and <b>read-only by contract</b>.
 */
public final class DataSets {
  private DataSets() {}

  /** The file formats {@link #load} reads. */
  public enum Format {
    /** Comma-separated numbers ({@link CsvMatrix}), response last. */
    CSV,
    /** A Parquet file or a directory of them: numeric columns, response last ({@link ParquetMatrix}). */
    PARQUET,
    /** {@code label index:value ...} through Spark's libsvm data source, label moved last. */
    LIBSVM;

    /** The name in job files: {@code csv}, {@code parquet}, {@code libsvm}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format a path's extension names: {@code .csv}; {@code .parquet} or a local directory; {@code .libsvm},
     * {@code .svm}, {@code .txt}.
     *
     * @param declared {@code auto} (or {@code null}) to look at the extension, else a format's key
     * @throws org.optsweep.InputException when {@code auto} cannot tell
     */
    public static Format of(String path, String declared) {
      if (declared != null && !declared.equals("auto")) {
        return valueOf(declared.toUpperCase(Locale.ROOT));
      }
      String p = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "");
      if (p.endsWith(".csv")) {
        return CSV;
      }
      if (p.endsWith(".parquet")) {
        return PARQUET;
      }
      if (p.endsWith(".libsvm") || p.endsWith(".svm") || p.endsWith(".txt")) {
        return LIBSVM;
      }
      if (!p.contains(":") && Files.isDirectory(Path.of(path))) {
        return PARQUET;
      }
      throw new org.optsweep.InputException("data " + path + ": cannot tell its format from the name (expected "
          + ".csv, .parquet or a directory of Parquet files, .libsvm/.svm/.txt); set the objective's format");
    }
  }

  /**
   * Where a data set comes from.
   *
   * @param path     the {@code data} parameter as written in the job (a path or Hadoop URI)
   * @param format   how to read it
   * @param features p, the number of feature columns; LIBSVM's {@code numFeatures} (other formats take the
   *                 file's columns and the objective checks them)
   */
  public record Source(String path, Format format, int features) {
    /** The registry key: format, feature count and the path exactly as written (not resolved). */
    public String key() {
      return format.key() + (format == Format.LIBSVM ? ":" + features : "") + ":" + path;
    }
  }

  private static final ConcurrentHashMap<String, double[][]> REGISTERED = new ConcurrentHashMap<>();

  /**
   * The matrix of {@code source}: the registered one if any, else read (see the class comment).
   *
   * @return rows × columns, response last; shared, must not be modified
   * @throws org.optsweep.InputException when it cannot be read or is malformed, naming the file
   */
  public static double[][] load(Source source) {
    double[][] m = REGISTERED.get(source.key());
    if (m != null) {
      return m;
    }
    return switch (source.format()) {
      case CSV -> DataCache.read(source.path());
      case PARQUET -> REGISTERED.computeIfAbsent(source.key(), k -> ParquetMatrix.read(source.path()));
      case LIBSVM -> REGISTERED.computeIfAbsent(source.key(), k -> LibsvmMatrix.read(source.path(),
          source.features()));
    };
  }

  /**
   * Makes {@code data} the matrix of every source with this key in this JVM, replacing any earlier one.
   * The caller hands over the array: it must not be modified afterwards.
   *
   * @param key  {@link Source#key()}
   * @param data rows × columns, response last, all rows of one length
   * @throws IllegalArgumentException on an empty or ragged matrix
   */
  public static void register(String key, double[][] data) {
    if (data.length == 0 || data[0].length == 0) {
      throw new IllegalArgumentException("data set " + key + " is empty");
    }
    for (int i = 0; i < data.length; i++) {
      if (data[i].length != data[0].length) {
        throw new IllegalArgumentException("data set " + key + ": row " + (i + 1) + " has " + data[i].length
            + " values, expected " + data[0].length);
      }
    }
    REGISTERED.put(key, data);
  }

  /** The registered matrix of a file named {@code path} in {@code format}, or null (LIBSVM's key also has features). */
  static double[][] registered(Format format, String path) {
    return REGISTERED.get(format.key() + ":" + path);
  }

  /** Registers each entry (an executor's copy of the driver's {@link #registered()}). */
  public static void registerAll(Map<String, double[][]> sets) {
    sets.forEach(DataSets::register);
  }

  /** The registered matrices by key (a snapshot of the map; the arrays are shared). */
  public static Map<String, double[][]> registered() {
    return new LinkedHashMap<>(REGISTERED);
  }

  /** Forgets every registered data set (tests; a long-lived driver between jobs). */
  public static void clear() {
    REGISTERED.clear();
  }

  private static final Map<double[][], String> FINGERPRINTS = new WeakHashMap<>();

  /**
   * A stable fingerprint of a matrix: the SHA-256, in lower-case hex, of its row count and column count as
   * big-endian 64-bit integers followed by every value's IEEE-754 bits ({@link Double#doubleToLongBits},
   * big-endian), row by row. numpy computes the same as {@code hashlib.sha256(struct.pack('>qq', n, m) +
   * a.astype('>f8').tobytes()).hexdigest()}. Equal bits, equal fingerprint — whatever file or format they
   * came from. Memoised per array (by identity), so calling it per objective instance costs a map lookup.
   *
   * @param data rows of equal length
   */
  public static String fingerprint(double[][] data) {
    synchronized (FINGERPRINTS) {
      String known = FINGERPRINTS.get(data);
      if (known != null) {
        return known;
      }
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM lacks SHA-256", e);
    }
    int cols = data.length == 0 ? 0 : data[0].length;
    ByteBuffer buf = ByteBuffer.allocate(Math.max(16, 8 * cols));
    buf.putLong(data.length).putLong(cols);
    sha.update(buf.array(), 0, 16);
    for (double[] row : data) {
      buf.clear();
      for (double v : row) {
        buf.putLong(Double.doubleToLongBits(v));
      }
      sha.update(buf.array(), 0, buf.position());
    }
    String hex = HexFormat.of().formatHex(sha.digest());
    synchronized (FINGERPRINTS) {
      FINGERPRINTS.put(data, hex);
    }
    return hex;
  }
}
