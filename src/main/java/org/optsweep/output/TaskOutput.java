package org.optsweep.output;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.internal.io.FileNameSpec;

/**
 * The Parquet files of one task attempt: a file per table directory it writes to, opened in the
 * attempt's work directory of the chunk's {@link ChunkCommit}, committed (or aborted) as a whole.
 *
 * <p>A task has up to three files open (runs/, traces/, summary/), each buffering a row group in
 * memory until it is written; ParquetWriter has no JVM-wide memory manager, so the row group is a
 * sixteenth of the heap per file and task slot of this JVM, between 4 and 128 MB.
 */
public final class TaskOutput {
  private final ChunkCommit commit;
  private final TaskAttemptContext context;
  private final Configuration conf;
  private final CompressionCodecName codec;
  private final long rowGroupBytes;
  private final Map<String, ParquetWriter<Object[]>> open = new LinkedHashMap<>();
  /** Files a directory has had so far: a partition a task comes back to gets a new file. */
  private final Map<String, Integer> count = new java.util.HashMap<>();
  private boolean done;

  /**
   * Per chunk job, the attempts in this JVM that have neither committed nor aborted (a local run's tasks run in the
   * driver's JVM); an entry goes when its count reaches 0.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Integer> UNFINISHED =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String key(ChunkCommit commit) {
    return commit.jobTrackerId() + "/" + commit.chunk();
  }

  private void finished() {
    UNFINISHED.computeIfPresent(key(commit), (k, n) -> n == 1 ? null : n - 1);
  }

  /**
   * Waits until no task attempt of this chunk job in this JVM is writing, at most {@code millis}: after a failed job the driver
   * removes the staged files, and an attempt still being killed could otherwise write one after that. (On a
   * cluster the attempts run elsewhere and this returns at once; a straggler's file stays under the staging
   * directory, which the next run of the output removes.)
   */
  public static void awaitAttempts(ChunkCommit commit, long millis) {
    long end = System.nanoTime() + millis * 1_000_000L;
    try {
      while (UNFINISHED.containsKey(key(commit)) && System.nanoTime() < end) {
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sets up task attempt {@code attempt} of partition {@code partition}.
   *
   * @param slots tasks of the job that may run at once (its cores); at most this JVM's processors run here
   */
  public TaskOutput(ChunkCommit commit, Configuration conf, CompressionCodecName codec, int partition, int attempt,
                    int slots) {
    this.commit = commit;
    this.conf = conf;
    this.codec = codec;
    TaskAttemptID id = new TaskAttemptID(new TaskID(new JobID(commit.jobTrackerId(), commit.chunk()), TaskType.MAP,
        partition), attempt);
    this.context = new TaskAttemptContextImpl(conf, id);
    commit.protocol().setupTask(context);
    long here = Math.max(1, Math.min(slots, Runtime.getRuntime().availableProcessors()));
    this.rowGroupBytes = Math.max(4L << 20, Math.min(128L << 20, Runtime.getRuntime().maxMemory() / (16L * here)));
    UNFINISHED.merge(key(commit), 1, Integer::sum);
  }

  /**
   * The open writer of this attempt's file in {@code dir} (relative to the root, e.g.
   * {@code runs/objective=ackley/solver=nag/chunk=3}), opened on first use with {@code table}'s columns.
   */
  public ParquetWriter<Object[]> writer(String dir, Table<?> table, String sparkVersion) throws IOException {
    ParquetWriter<Object[]> w = open.get(dir);
    if (w == null) {
      int n = count.merge(dir, 1, Integer::sum);
      String file = commit.protocol().newTaskTempFile(context, scala.Option.apply(dir),
          FileNameSpec.apply(n == 1 ? "" : "f" + n + "-", codec.getExtension() + ".parquet"));
      w = new ParquetRows(table.schema(), table.dataColumns(), sparkVersion).open(new Path(file), conf, codec,
          table.plainEncoded(), rowGroupBytes);
      open.put(dir, w);
    }
    return w;
  }

  /** Closes the file open in {@code dir}, if any, so that its buffered row group leaves memory. */
  public void finish(String dir) throws IOException {
    ParquetWriter<Object[]> w = open.remove(dir);
    if (w != null) {
      w.close();
    }
  }

  /** Closes every file and commits the attempt; the message goes to the driver's {@link ChunkCommit#commit}. */
  public FileCommitProtocol.TaskCommitMessage commit() throws IOException {
    for (String dir : List.copyOf(open.keySet())) {
      finish(dir);
    }
    done = true;
    try {
      return commit.protocol().commitTask(context);
    } finally {
      // After the commit's rename, not before: a failed job's driver waits for this before removing staged files.
      finished();
    }
  }

  /**
   * After a failure: closes what can be closed and removes the attempt's files. What goes wrong
   * meanwhile is added to {@code cause}, never thrown in its place.
   */
  public void abort(Throwable cause) {
    if (done) {
      return;
    }
    for (ParquetWriter<Object[]> w : open.values()) {
      try {
        w.close();
      } catch (Throwable t) {
        cause.addSuppressed(t);
      }
    }
    open.clear();
    try {
      commit.protocol().abortTask(context);
    } catch (Throwable t) {
      cause.addSuppressed(t);
    }
    done = true;
    finished();
  }
}
