package org.optsweep.testplugin;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.internal.io.HadoopMapReduceCommitProtocol;

/**
 * A commit protocol of the user's choice, as {@code spark.sql.sources.commitProtocolClass} names one (spark-hadoop-
 * cloud's PathOutputCommitProtocol for S3A, say): Spark's default, counting the calls it receives, so a test can
 * see that it is the one that committed.
 */
public class CountingCommitProtocol extends HadoopMapReduceCommitProtocol {
  private static final long serialVersionUID = 1L;
  public static final AtomicInteger JOB_SETUPS = new AtomicInteger();
  public static final AtomicInteger TASK_COMMITS = new AtomicInteger();
  public static final AtomicInteger JOB_COMMITS = new AtomicInteger();

  public CountingCommitProtocol(String jobId, String path, boolean dynamicPartitionOverwrite) {
    super(jobId, path, dynamicPartitionOverwrite);
  }

  @Override
  public void setupJob(JobContext jobContext) {
    JOB_SETUPS.incrementAndGet();
    super.setupJob(jobContext);
  }

  @Override
  public FileCommitProtocol.TaskCommitMessage commitTask(TaskAttemptContext taskContext) {
    TASK_COMMITS.incrementAndGet();
    return super.commitTask(taskContext);
  }

  @Override
  public void commitJob(JobContext jobContext, scala.collection.immutable.Seq<FileCommitProtocol.TaskCommitMessage>
      taskCommits) {
    JOB_COMMITS.incrementAndGet();
    super.commitJob(jobContext, taskCommits);
  }
}
