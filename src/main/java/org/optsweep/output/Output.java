package org.optsweep.output;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.optsweep.InputException;

/**
 * An output location — a directory, or any Hadoop path ({@code file:}, {@code hdfs:}, {@code s3a:}) —
 * and what is checked about it before Spark starts: that it may be written (or replaced, or resumed),
 * and where each chunk's files are so that a chunk that did not finish can be removed before it runs
 * again. Plain paths are local files.
 */
public final class Output {
  public static final String JOB_JSON = "job.json";
  public static final String JOB_YAML = "job.yaml";
  /** One marker per committed chunk: {@code _chunks/C}. */
  public static final String CHUNKS = "_chunks";
  /** Written last, when every chunk is in. */
  public static final String SUCCESS = "_SUCCESS";
  /** What the derived tables were computed from (org.optsweep.report.Analysis), written after them. */
  public static final String ANALYSIS_JSON = "analysis.json";
  /** The report's default location (optsweep report). */
  public static final String REPORT_HTML = "report.html";

  final Path root;
  final FileSystem fs;
  /** Set by --overwrite: the old output is deleted once Spark has started. */
  private boolean clearOnStart;

  private Output(String location, Configuration conf) throws IOException {
    URI uri = URI.create(location.contains("://") || location.startsWith("file:") ? location
        : new java.io.File(location).getAbsoluteFile().toURI().toString());
    this.root = new Path(uri);
    this.fs = root.getFileSystem(LocalFiles.use(new Configuration(conf)));
    // No .crc companions for the small marker and JSON files on a local disk.
    fs.setWriteChecksum(false);
  }

  /**
   * The output at {@code location}, its file system resolved now: an unknown scheme or a path Hadoop
   * cannot parse is bad input, refused before Spark starts.
   *
   * @param option the command-line option that named it, for the message
   */
  public static Output open(String option, String location, Configuration conf) {
    try {
      return new Output(location, conf);
    } catch (IOException | IllegalArgumentException e) {
      String why = e instanceof org.apache.hadoop.fs.UnsupportedFileSystemException
          ? "no Hadoop file system for its scheme (file:, hdfs: and s3a: with hadoop-aws are the usual ones)"
          : e.getMessage();
      throw new InputException("option " + option + " given invalid value '" + location + "': " + why);
    }
  }

  /**
   * Checks the location before Spark starts: refuses a path that must never be an output, an
   * existing output without {@code overwrite}/{@code resume}, a path that is a file, a directory that
   * is not optsweep's, and a resume of another job.
   */
  public static Output prepare(String location, String jobText, boolean overwrite, boolean resume,
                               Configuration hadoop) throws IOException {
    String option = resume ? "--resume" : "--out";
    OutputGuard.checkLocation(option, location);
    Output out = open(option, location, hadoop);
    FileStatus st = out.status();
    if (st != null && !st.isDirectory()) {
      throw new InputException("output path " + location + " is a file; expected a directory (or a path that does"
          + " not exist)");
    }
    if (resume) {
      if (st == null || !out.exists(JOB_YAML)) {
        throw new InputException("--resume " + location + ": no optsweep output there (no " + JOB_YAML + ") to resume");
      }
      OutputGuard.checkOwn(out, location, "--resume writes only into optsweep outputs, so nothing was written");
      if (!out.read(JOB_YAML).equals(jobText)) {
        throw new InputException("--resume " + location + ": the output was made by a different job file (its "
            + JOB_YAML + " differs from the one given); resume with the same job, or start a new output");
      }
      if (out.exists(SUCCESS)) {
        throw new InputException("--resume " + location + ": that run already finished (" + SUCCESS + " exists)");
      }
      // Committed chunks have their summary/ rows since the tasks write them (earlier versions wrote
      // summary/ only at the end of a run): a resume needs them for the printed table.
      Set<Integer> summarised = out.chunksIn(Tables.SUMMARY);
      for (int c : out.committedChunks()) {
        if (!summarised.contains(c)) {
          throw new InputException("--resume " + location + ": committed chunk " + c + " has no " + Tables.SUMMARY
              + "/ files (an output of an earlier optsweep version, which wrote " + Tables.SUMMARY
              + "/ only at the end); run the job again into a new output");
        }
      }
    } else if (st != null && out.fs.listStatus(out.root).length > 0) {
      if (!overwrite) {
        throw new InputException("output " + location + " already exists; pass --overwrite to replace it, "
            + "or --resume to finish an interrupted run of the same job");
      }
      OutputGuard.checkReplaceable(out, location);
      // Deleted once Spark has started (a bad --conf must not cost the old output).
      out.clearOnStart = true;
    }
    return out;
  }

  /** The job text stored in the output at {@code location} (what {@code --resume OUT} resumes). */
  public static String jobText(String location, Configuration conf) throws IOException {
    OutputGuard.checkLocation("--resume", location);
    Output out = open("--resume", location, conf);
    if (!out.exists(JOB_YAML)) {
      throw new InputException("--resume " + location + ": no optsweep output there (no " + JOB_YAML + ")");
    }
    return out.read(JOB_YAML);
  }

  /**
   * After a failure: the first of the output's directories that cannot be written (a read-only mount,
   * a full disk), as "runs/ cannot be written: Read-only file system", or null when all can.
   */
  public String unwritable() {
    for (String dir : List.of("", Tables.RUNS, Tables.TRACES, Tables.SUMMARY, CHUNKS)) {
      try {
        if (!exists(dir)) {
          continue;
        }
        Path probe = new Path(path(dir), ".optsweep-probe");
        fs.create(probe, true).close();
        fs.delete(probe, false);
      } catch (IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int paren = why.lastIndexOf('(');
        return (dir.isEmpty() ? "the output" : dir + "/") + " cannot be written: "
            + (paren >= 0 && why.endsWith(")") ? why.substring(paren + 1, why.length() - 1) : why);
      }
    }
    return null;
  }

  /** Writes a small table from the driver as one Parquet file (replacing the table), in Spark's layout. */
  public <S> void writeTable(Table<S> table, List<S> rows, String sparkVersion, String codec) throws IOException {
    delete(table.name());
    var c = ParquetRows.codec(codec);
    Path file = path(table.name() + "/part-00000-" + table.name() + c.getExtension() + ".parquet");
    try (var w = new ParquetRows(table.schema(), table.dataColumns(), sparkVersion).open(file, fs.getConf(), c,
        table.plainEncoded(), 4L << 20)) {
      for (S s : rows) {
        w.write(table.row(s));
      }
    }
  }

  /** Deletes the replaced output's entries, if --overwrite asked for it. */
  public void clearIfReplacing() throws IOException {
    if (clearOnStart) {
      OutputGuard.clear(this);
      clearOnStart = false;
    }
  }

  /** The chunks whose marker exists. */
  public Set<Integer> committedChunks() throws IOException {
    Set<Integer> out = new HashSet<>();
    FileStatus[] markers = fs.globStatus(path(CHUNKS + "/*"));
    if (markers != null) {
      for (FileStatus m : markers) {
        String c = m.getPath().getName();
        if (c.matches("\\d+")) {
          out.add(Integer.parseInt(c));
        }
      }
    }
    return out;
  }

  /** The chunks with files directly in {@code dir}. */
  Set<Integer> chunksIn(String dir) throws IOException {
    Set<Integer> out = new HashSet<>();
    if (exists(dir)) {
      for (FileStatus f : fs.listStatus(path(dir))) {
        int c = ChunkCommit.chunkOf(f.getPath().getName());
        if (c >= 0) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /**
   * Removes what a chunk that was started but not committed may have left — staged files of a
   * killed run, and final files if the driver died while committing — before it runs again.
   */
  public void removeUncommitted(int chunk) throws IOException {
    delete(ChunkCommit.STAGING);
    for (String table : List.of(Tables.RUNS, Tables.TRACES)) {
      deleteAll(path(table + "/*/*/chunk=" + chunk));
    }
    deleteAll(path(Rungs.NAME + "/chunk=" + chunk));
    FileStatus[] summary = exists(Tables.SUMMARY) ? fs.listStatus(path(Tables.SUMMARY)) : new FileStatus[0];
    for (FileStatus f : summary) {
      if (ChunkCommit.chunkOf(f.getPath().getName()) == chunk) {
        fs.delete(f.getPath(), true);
      }
    }
  }

  private void deleteAll(Path glob) throws IOException {
    FileStatus[] found = fs.globStatus(glob);
    if (found != null) {
      for (FileStatus f : found) {
        fs.delete(f.getPath(), true);
      }
    }
  }

  Path path(String child) {
    return child.isEmpty() ? root : new Path(root, child);
  }

  /** The URI of {@code child} (or of the root for ""). */
  public String uri(String child) {
    return path(child).toString();
  }

  public boolean exists(String child) throws IOException {
    return fs.exists(child.isEmpty() ? root : path(child));
  }

  FileStatus status() throws IOException {
    return fs.exists(root) ? fs.getFileStatus(root) : null;
  }

  public void delete(String child) throws IOException {
    fs.delete(child.isEmpty() ? root : path(child), true);
  }

  /** Writes a small text file, replacing it (written beside and renamed where the FS allows). */
  public void write(String child, String text) throws IOException {
    Path dst = path(child);
    Path tmp = new Path(dst.getParent(), "." + dst.getName() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    fs.delete(dst, false);
    if (!fs.rename(tmp, dst)) {
      throw new IOException("cannot rename " + tmp + " to " + dst);
    }
  }

  public String read(String child) throws IOException {
    try (var in = fs.open(path(child))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
