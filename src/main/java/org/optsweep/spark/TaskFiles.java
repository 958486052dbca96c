package org.optsweep.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The Parquet files of one task attempt, and their commit.
 *
 * <p>The commit protocol is Hadoop's FileOutputCommitter (v1) in small: an attempt writes under
 * its own staging directory, {@code _temporary/chunk=C/attempt=A/<table>/...}; the driver, once
 * Spark reports the chunk's job finished, moves to their final places the files of the one attempt
 * per task whose result Spark returned, then deletes the staging directory. A failed, killed or
 * speculative attempt's files are therefore never seen: only {@code _temporary}, which no reader
 * of the tables looks into, ever held them. File names carry the chunk and task number, so a chunk
 * re-run after a crash replaces its own files and no other.
 */
final class TaskFiles {
  /** Where attempts stage their files, under the output root. */
  static final String STAGING = "_temporary";

  /** The staging directory of a chunk's task attempts, relative to the output root. */
  static String staging(int chunk) {
    return STAGING + "/chunk=" + chunk;
  }

  /** How the names of a chunk's files begin (its files in any directory: part-CCCCC-TTTTT...). */
  static String prefix(int chunk) {
    return String.format(java.util.Locale.ROOT, "part-%05d-", chunk);
  }

  /** The chunk a file of this naming belongs to, or -1 for another name. */
  static int chunkOf(String fileName) {
    int end = fileName.indexOf('-', 5);
    return fileName.startsWith("part-") && end > 5 && fileName.substring(5, end).chars().allMatch(Character::isDigit)
        ? Integer.parseInt(fileName.substring(5, end)) : -1;
  }

  private final FileSystem fs;
  private final Path root;
  private final String staging;
  private final Configuration conf;
  private final CompressionCodecName codec;
  private final String prefix;
  private final long rowGroupBytes;
  /** An open file and its path relative to the staging directory. */
  private record Open(ParquetWriter<Object[]> writer, String path) {}

  /** The open file of each directory, by directory. */
  private final Map<String, Open> open = new LinkedHashMap<>();
  /** Files a directory has had so far (a partition a task comes back to gets a new file). */
  private final Map<String, Integer> count = new java.util.HashMap<>();
  private final List<String> written = new ArrayList<>();

  /**
   * @param root    the output root
   * @param staging this attempt's staging directory, relative to the root
   * @param chunk   the chunk, and {@code task} the task number within it, named in every file
   * @param slots   tasks of the job that may run at once (its cores); at most this JVM's processors
   *                run here
   */
  TaskFiles(Path root, String staging, Configuration conf, CompressionCodecName codec, int chunk, int task,
            int slots) throws IOException {
    this.fs = root.getFileSystem(conf);
    this.root = root;
    this.staging = staging;
    this.conf = conf;
    this.codec = codec;
    // A row group is buffered in memory until it is written, and a task has up to three files open
    // (runs/, traces/, summary/). Parquet's usual 128 MB per file (Spark's writer shrinks it under
    // a JVM-wide memory manager that ParquetWriter does not use) would not fit a small heap: a
    // sixteenth of the heap per file and task slot of this JVM, between 4 and 128 MB.
    long here = Math.max(1, Math.min(slots, Runtime.getRuntime().availableProcessors()));
    this.rowGroupBytes = Math.max(4L << 20, Math.min(128L << 20, Runtime.getRuntime().maxMemory() / (16L * here)));
    this.prefix = prefix(chunk) + String.format(java.util.Locale.ROOT, "%05d", task);
  }

  /**
   * The open writer of the file this task writes in directory {@code dir} (relative to the root,
   * e.g. {@code runs/objective=ackley/solver=nag/chunk=3}), opening one on first use with a new
   * {@code support}.
   */
  ParquetWriter<Object[]> writer(String dir, java.util.function.Supplier<ParquetRows> support, List<String> plain)
      throws IOException {
    Open f = open.get(dir);
    if (f == null) {
      int n = count.merge(dir, 1, Integer::sum);
      String path = dir + "/" + prefix + (n == 1 ? "" : "-" + n) + codec.getExtension() + ".parquet";
      f = new Open(support.get().open(new Path(root, staging + "/" + path), conf, codec, plain, rowGroupBytes), path);
      open.put(dir, f);
    }
    return f.writer();
  }

  /** Closes the file open in {@code dir}, if any, so that its buffered row group leaves memory. */
  void finish(String dir) throws IOException {
    Open f = open.remove(dir);
    if (f != null) {
      f.writer().close();
      written.add(f.path());
    }
  }

  /** Closes every file; returns all this task wrote, relative to the staging directory (= final, relative to the root). */
  List<String> close() throws IOException {
    for (String dir : new ArrayList<>(open.keySet())) {
      finish(dir);
    }
    return written;
  }

  /**
   * After a failure: closes what can be closed and removes the attempt's staging directory. What
   * goes wrong meanwhile is added to {@code cause}, never thrown in its place.
   */
  void abort(Throwable cause) {
    for (Open f : open.values()) {
      try {
        f.writer().close();
      } catch (Throwable t) {
        cause.addSuppressed(t);
      }
    }
    open.clear();
    try {
      fs.delete(new Path(root, staging), true);
    } catch (Throwable t) {
      // The driver deletes all of _temporary when it commits the chunk.
      cause.addSuppressed(t);
    }
  }

  /**
   * What a task attempt hands the driver: where its files are, and what it wrote — solve rows,
   * iterations over them, summary rows (trials) and the values of its best summary rows.
   */
  record Result(int task, String staging, List<String> files, long rows, long iterations, long trials,
                List<Object[]> best) implements Serializable {}

  /**
   * Moves the files of the given attempts to their final places and deletes the chunk's staging
   * directory. Runs on the driver after the chunk's Spark job succeeded.
   */
  static void commit(FileSystem fs, Path root, List<Result> results, int chunk) throws IOException {
    for (Result r : results) {
      for (String f : r.files()) {
        Path src = new Path(root, r.staging() + "/" + f);
        Path dst = new Path(root, f);
        fs.mkdirs(dst.getParent());
        if (!fs.rename(src, dst)) {
          throw new IOException("cannot move " + src + " to " + dst);
        }
      }
    }
    fs.delete(new Path(root, staging(chunk)), true);
  }
}
