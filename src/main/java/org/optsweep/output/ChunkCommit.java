package org.optsweep.output;

import java.io.IOException;
import java.io.Serializable;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.task.JobContextImpl;
import org.apache.spark.internal.io.FileCommitProtocol;

/**
 * The commit of one chunk's files through Hadoop's output-committer API, the way Spark's own
 * writers do it ({@code FileCommitProtocol}, by default {@code HadoopMapReduceCommitProtocol}
 * over FileOutputCommitter v1): each task attempt writes into its own work directory, the one
 * attempt Spark's commit coordinator lets commit moves its files into the job's, and the driver's
 * {@link #commit} publishes them once every task is done. A failed, killed or speculative attempt's
 * files are never seen. Because the committer is Hadoop's, a store's own committer applies where it
 * is configured — S3A's, with {@code spark.sql.sources.commitProtocolClass} set to spark-hadoop-cloud's
 * {@code PathOutputCommitProtocol} and {@code spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a}.
 *
 * <p>File names carry the chunk ({@code part-00002-c00007.snappy.parquet}), so a chunk re-run after a
 * crash replaces its own files and no other.
 */
public final class ChunkCommit implements Serializable {
  private static final long serialVersionUID = 1L;
  /** The protocol Spark's SQL writers use, unless {@code spark.sql.sources.commitProtocolClass} names another. */
  public static final String DEFAULT_PROTOCOL = "org.apache.spark.internal.io.HadoopMapReduceCommitProtocol";
  /** Where Hadoop's committers stage attempts, under the output root. */
  public static final String STAGING = "_temporary";

  private final FileCommitProtocol protocol;
  private final String jobTrackerId;
  private final int chunk;
  private final String root;

  private ChunkCommit(FileCommitProtocol protocol, String jobTrackerId, int chunk, String root) {
    this.protocol = protocol;
    this.jobTrackerId = jobTrackerId;
    this.chunk = chunk;
    this.root = root;
  }

  /** The job id in a chunk's file names: {@code c00007}. */
  public static String id(int chunk) {
    return String.format(Locale.ROOT, "c%05d", chunk);
  }

  /** The chunk of a file named by this scheme, or −1. */
  public static int chunkOf(String fileName) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("part-\\d+-c(\\d{5,})").matcher(fileName);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /**
   * The Hadoop settings a chunk's commit needs on top of the job's: the output directory, Hadoop's v1
   * algorithm (a task's commit is a rename, a failed job leaves nothing published) unless set, and
   * no {@code _SUCCESS} per chunk (optsweep writes its own when every chunk is in), and {@link LocalFiles} for
   * {@code file:} paths.
   */
  public static Configuration configure(Configuration base, String root) {
    Configuration c = LocalFiles.use(new Configuration(base));
    c.set("mapreduce.output.fileoutputformat.outputdir", root);
    if (c.get("mapreduce.fileoutputcommitter.algorithm.version") == null) {
      c.set("mapreduce.fileoutputcommitter.algorithm.version", "1");
    }
    c.setBoolean("mapreduce.fileoutputcommitter.marksuccessfuljobs", false);
    return c;
  }

  /** Sets up the commit of {@code chunk} (on the driver, before its Spark job). */
  public static ChunkCommit setUp(String protocolClass, Configuration conf, String root, int chunk) throws IOException {
    FileCommitProtocol p = FileCommitProtocol.instantiate(protocolClass, id(chunk), root, false);
    String tracker = new SimpleDateFormat("yyyyMMddHHmmss", Locale.ROOT).format(new Date());
    ChunkCommit c = new ChunkCommit(p, tracker, chunk, root);
    p.setupJob(c.jobContext(conf));
    return c;
  }

  JobContext jobContext(Configuration conf) {
    return new JobContextImpl(conf, new JobID(jobTrackerId, chunk));
  }

  FileCommitProtocol protocol() {
    return protocol;
  }

  String jobTrackerId() {
    return jobTrackerId;
  }

  int chunk() {
    return chunk;
  }

  String root() {
    return root;
  }

  /** Publishes the files of the tasks that committed (on the driver, after the chunk's job succeeded). */
  public void commit(Configuration conf, List<FileCommitProtocol.TaskCommitMessage> messages) {
    protocol.commitJob(jobContext(conf), scala.jdk.javaapi.CollectionConverters.asScala(messages).toSeq());
  }

  /** Removes everything the chunk staged (on the driver, after its job failed). */
  public void abort(Configuration conf) {
    protocol.abortJob(jobContext(conf));
  }
}
