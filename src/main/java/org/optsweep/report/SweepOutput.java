package org.optsweep.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.optsweep.InputException;
import org.optsweep.output.Output;
import org.optsweep.output.Tables;
import org.optsweep.spec.JobParser;
import org.optsweep.spec.JobSpec;

/**
 * An optsweep output opened for reading by the report: its tables as Spark DataFrames, the job it ran
 * (parsed from the {@code job.yaml} copy), {@code job.json}, and what the output has and lacks.
 *
 * <p>Outputs differ by version and by how far the run got, so nothing is assumed: a table or column
 * that is absent is reported as absent ({@link #has}), and the {@code stage} column of a confirmation
 * stage (DESIGN.md, issue 13) reads as {@code "search"} on outputs written before it existed. A run that
 * stopped part-way (no {@code _SUCCESS}) is read as far as its committed chunks go: rows of a chunk that
 * has no marker in {@code _chunks/} are left out of {@code runs/} and {@code traces/}.
 */
public final class SweepOutput {
  /** The stage of the search, and of every row of an output without a {@code stage} column. */
  public static final String SEARCH = "search";
  /** The stage that re-runs the search's best settings on fresh replicates (issue 13). */
  public static final String CONFIRM = "confirm";

  private final SparkSession spark;
  private final Output out;
  private final String location;
  private final JobSpec job;
  private final String jobText;
  private final JsonNode jobJson;
  private final boolean complete;
  private final Set<Integer> committed;

  private SweepOutput(SparkSession spark, String location) throws IOException {
    this.spark = spark;
    this.location = location;
    this.out = Output.open("OUT", location, spark.sparkContext().hadoopConfiguration());
    if (!out.exists(Output.JOB_YAML) || !out.exists(Tables.SUMMARY)) {
      throw new InputException("output " + location + " is not an optsweep output with results: expected "
          + Output.JOB_YAML + " and " + Tables.SUMMARY + "/ in it");
    }
    this.jobText = out.read(Output.JOB_YAML);
    this.job = JobParser.parseValidated(location + "/" + Output.JOB_YAML, jobText);
    JsonNode j = null;
    if (out.exists(Output.JOB_JSON)) {
      try {
        j = new ObjectMapper().readTree(out.read(Output.JOB_JSON));
      } catch (IOException e) {
        j = null; // a job.json being rewritten at this moment: the report does without it
      }
    }
    this.jobJson = j;
    this.complete = out.exists(Output.SUCCESS);
    this.committed = out.committedChunks();
  }

  /**
   * Opens the output at {@code location} (a directory or any Hadoop path).
   *
   * @throws InputException when it is not an optsweep output with a {@code summary/} table
   */
  public static SweepOutput open(SparkSession spark, String location) throws IOException {
    return new SweepOutput(spark, location);
  }

  public SparkSession spark() {
    return spark;
  }

  public Output output() {
    return out;
  }

  public String location() {
    return location;
  }

  /** The job as parsed from the output's own copy of the job file. */
  public JobSpec job() {
    return job;
  }

  /** {@code job.json}, or null when it is missing or unreadable. */
  public JsonNode jobJson() {
    return jobJson;
  }

  /** Whether the run finished ({@code _SUCCESS} exists). */
  public boolean complete() {
    return complete;
  }

  /** Whether the output has {@code table}. */
  public boolean hasTable(String table) throws IOException {
    return out.exists(table);
  }

  /** {@code runs/}: one row per solve, with a {@code stage} column. */
  public Dataset<Row> runs() throws IOException {
    return committedOnly(withStage(read(Tables.RUNS)));
  }

  /** {@code traces/}, or null when the job recorded none. */
  public Dataset<Row> traces() throws IOException {
    return out.exists(Tables.TRACES) ? committedOnly(withStage(read(Tables.TRACES))) : null;
  }

  /** {@code summary/}: one row per setting and stage. */
  public Dataset<Row> summary() throws IOException {
    return withStage(read(Tables.SUMMARY));
  }

  /** {@code references/} (regularized objectives), or null when the output has none. */
  public Dataset<Row> references() throws IOException {
    return out.exists(Tables.REFERENCES) ? read(Tables.REFERENCES) : null;
  }

  /** A table as Spark reads it (partition directories become columns). */
  public Dataset<Row> read(String table) {
    return spark.read().parquet(out.uri(table));
  }

  /** Whether {@code df} has a column {@code name}. */
  public static boolean has(Dataset<Row> df, String name) {
    return df != null && Arrays.asList(df.columns()).contains(name);
  }

  private static Dataset<Row> withStage(Dataset<Row> df) {
    return has(df, "stage") ? df : df.withColumn("stage", lit(SEARCH));
  }

  private Dataset<Row> committedOnly(Dataset<Row> df) {
    if (complete || committed.isEmpty() || !has(df, "chunk")) {
      return df;
    }
    return df.where(col("chunk").isin(committed.stream().sorted().toArray()));
  }

  /**
   * A fingerprint of what the derived tables are computed from: the path, length and modification time of
   * every file of {@code runs/}, {@code traces/}, {@code summary/}, {@code references/}, and the job text.
   * The tables are stale when it changes (a resumed run added chunks, the job was run again).
   */
  public String inputFingerprint() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(jobText);
    lines.add("complete=" + complete);
    FileSystem fs = new Path(out.uri("")).getFileSystem(spark.sparkContext().hadoopConfiguration());
    for (String t : List.of(Tables.RUNS, Tables.TRACES, Tables.SUMMARY, Tables.REFERENCES)) {
      if (!out.exists(t)) {
        continue;
      }
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(new Path(out.uri(t)), true);
      while (it.hasNext()) {
        FileStatus f = it.next();
        String name = f.getPath().getName();
        if (!name.startsWith(".") && !name.startsWith("_")) {
          lines.add(f.getPath().toUri().getPath() + " " + f.getLen() + " " + f.getModificationTime());
        }
      }
    }
    lines.sort(null);
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String l : lines) {
        md.update(l.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
