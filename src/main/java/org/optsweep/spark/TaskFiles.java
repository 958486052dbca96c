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

  private final FileSystem fs;
  private final Path root;
  private final String staging;
  private final Configuration conf;
  private final CompressionCodecName codec;
  private final String name;
  private final long rowGroupBytes;
  private final Map<String, ParquetWriter<Object[]>> open = new LinkedHashMap<>();

  /**
   * @param root    the output root
   * @param staging this attempt's staging directory, relative to the root
   * @param chunk   the chunk, and {@code task} the task number within it, named in every file
   * @param slots   tasks that may run at once in this JVM (at most the job's cores)
   */
  TaskFiles(Path root, String staging, Configuration conf, CompressionCodecName codec, int chunk, int task,
            int slots) throws IOException {
    this.fs = root.getFileSystem(conf);
    this.root = root;
    this.staging = staging;
    this.conf = conf;
    this.codec = codec;
    // A row group is buffered in memory until it is written. Parquet's usual 128 MB per open file
    // (Spark's writer shrinks it under a JVM-wide memory manager that ParquetWriter does not use)
    // would not fit a small heap with a few files open per task: an eighth of the heap per task
    // slot, between 4 and 128 MB.
    this.rowGroupBytes = Math.max(4L << 20, Math.min(128L << 20, Runtime.getRuntime().maxMemory() / (8L * slots)));
    this.name = String.format(java.util.Locale.ROOT, "part-%05d-%05d%s.parquet", chunk, task, codec.getExtension());
  }

  /**
   * The open writer of the file this task writes in directory {@code dir} (relative to the root,
   * e.g. {@code runs/objective=ackley/solver=nag/chunk=3}), opening it on first use with a new
   * {@code support}.
   */
  ParquetWriter<Object[]> writer(String dir, java.util.function.Supplier<ParquetRows> support, List<String> plain)
      throws IOException {
    ParquetWriter<Object[]> w = open.get(dir);
    if (w == null) {
      w = support.get().open(new Path(root, staging + "/" + dir + "/" + name), conf, codec, plain, rowGroupBytes);
      open.put(dir, w);
    }
    return w;
  }

  /** Closes every file; returns their paths relative to the staging directory (= final, relative to the root). */
  List<String> close() throws IOException {
    List<String> files = new ArrayList<>();
    IOException first = null;
    for (Map.Entry<String, ParquetWriter<Object[]>> e : open.entrySet()) {
      try {
        e.getValue().close();
        files.add(e.getKey() + "/" + name);
      } catch (IOException x) {
        first = first == null ? x : first;
      }
    }
    open.clear();
    if (first != null) {
      throw first;
    }
    return files;
  }

  /** After a failure: closes what can be closed and removes the attempt's staging directory. */
  void abort() {
    for (ParquetWriter<Object[]> w : open.values()) {
      try {
        w.close();
      } catch (IOException | RuntimeException ignored) {
        // The attempt is being discarded; its files go with the directory.
      }
    }
    open.clear();
    try {
      fs.delete(new Path(root, staging), true);
    } catch (IOException ignored) {
      // The driver deletes all of _temporary when it commits the chunk.
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
  static void commit(FileSystem fs, Path root, List<Result> results, String chunkStaging) throws IOException {
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
    fs.delete(new Path(root, chunkStaging), true);
  }
}
