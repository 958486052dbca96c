package org.optsweep.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.internal.io.FileCommitProtocol;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsweep.spark.SharedSpark;

/**
 * The tasks' Parquet files: values written by {@link ParquetRows} read back unchanged by Spark and by
 * DuckDB, and the commit through Hadoop's committer ({@link ChunkCommit}, {@link TaskOutput})
 * publishing exactly the attempts that committed — run inside real Spark tasks, whose commit
 * coordinator the protocol consults.
 */
class TaskOutputTest {
  @TempDir
  Path tmp;

  /** A row: the name, numbers of every type, a list of each kind, and the partition value. */
  record R(String name, long n, Integer k, Double v, boolean ok, double[] xs, int[] hits, String part)
      implements Serializable {}

  static final Table<R> TABLE = new Table<>("t", List.of(
      Column.of("name", DataTypes.StringType, false, R::name),
      Column.of("n", DataTypes.LongType, false, R::n),
      Column.of("k", DataTypes.IntegerType, true, R::k),
      Column.plain("v", DataTypes.DoubleType, true, R::v),
      Column.of("ok", DataTypes.BooleanType, false, R::ok),
      Column.plain("xs", Tables.DOUBLES, true, R::xs),
      Column.of("hits", Tables.INTS, false, R::hits),
      Column.of("part", DataTypes.StringType, false, R::part)), List.of("part"));

  static List<R> rows(String attempt) {
    return List.of(new R("ünïcode " + attempt, 1L, 7, -0.0, true, new double[] {1.5, Double.NaN}, new int[] {3, -1}, "a"),
        new R("b", Long.MAX_VALUE, null, null, false, null, new int[0], "a"),
        new R("c", -2L, Integer.MIN_VALUE, Double.POSITIVE_INFINITY, true, new double[0], new int[] {0}, "a"));
  }

  /** What one Spark task does with the commit: its attempts' files, and the messages of those that commit. */
  interface Attempts extends Serializable {
    List<FileCommitProtocol.TaskCommitMessage> run(ChunkCommit commit, Configuration conf) throws Exception;
  }

  /** Runs {@code attempts} inside one Spark task of chunk 3 and commits what it returns. */
  Configuration chunk(Attempts attempts) throws Exception {
    return chunk(ChunkCommit.DEFAULT_PROTOCOL, attempts);
  }

  Configuration chunk(String protocol, Attempts attempts) throws Exception {
    String root = tmp.toUri().toString();
    Configuration conf = ChunkCommit.configure(new Configuration(), root);
    ChunkCommit commit = ChunkCommit.setUp(protocol, conf, root, 3);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
    List<FileCommitProtocol.TaskCommitMessage> messages = jsc.parallelize(List.of(0), 1)
        .flatMap(i -> attempts.run(commit, ChunkCommit.configure(new Configuration(), root)).iterator()).collect();
    commit.commit(conf, messages);
    return conf;
  }

  static TaskOutput attempt(ChunkCommit commit, Configuration conf, int attempt) {
    return new TaskOutput(commit, conf, CompressionCodecName.SNAPPY, 0, attempt, 2);
  }

  @Test
  void theCommitProtocolTheConfigurationNamesIsTheOneThatCommits() throws Exception {
    var counting = org.optsweep.testplugin.CountingCommitProtocol.class;
    int setups = org.optsweep.testplugin.CountingCommitProtocol.JOB_SETUPS.get();
    int tasks = org.optsweep.testplugin.CountingCommitProtocol.TASK_COMMITS.get();
    int jobs = org.optsweep.testplugin.CountingCommitProtocol.JOB_COMMITS.get();
    chunk(counting.getName(), (commit, conf) -> {
      TaskOutput one = attempt(commit, conf, 0);
      for (R r : rows("1")) {
        one.writer("t/part=a", TABLE, "4.2.0").write(TABLE.row(r));
      }
      return List.of(one.commit());
    });
    assertEquals(setups + 1, org.optsweep.testplugin.CountingCommitProtocol.JOB_SETUPS.get());
    assertEquals(tasks + 1, org.optsweep.testplugin.CountingCommitProtocol.TASK_COMMITS.get());
    assertEquals(jobs + 1, org.optsweep.testplugin.CountingCommitProtocol.JOB_COMMITS.get());
    assertEquals(3, SharedSpark.get().read().parquet(tmp.resolve("t").toString()).count());
  }

  @Test
  void onlyTheCommittedAttemptIsPublishedAndItsValuesReadBackUnchanged() throws Exception {
    chunk((commit, conf) -> {
      TaskOutput lost = attempt(commit, conf, 0);    // e.g. a speculative attempt that lost the race
      for (R r : rows("1")) {
        lost.writer("t/part=a", TABLE, "4.2.0").write(TABLE.row(r));
      }
      lost.finish("t/part=a");
      TaskOutput winner = attempt(commit, conf, 1);
      for (R r : rows("2")) {
        winner.writer("t/part=a", TABLE, "4.2.0").write(TABLE.row(r));
      }
      return List.of(winner.commit());
    });
    assertFalse(Files.exists(tmp.resolve(ChunkCommit.STAGING)));
    try (Stream<Path> files = Files.list(tmp.resolve("t/part=a"))) {
      List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
      assertEquals(List.of("part-00000-c00003.snappy.parquet"), names);
    }
    assertEquals(3, ChunkCommit.chunkOf("part-00000-c00003.snappy.parquet"));

    List<Row> back = SharedSpark.get().read().parquet(tmp.resolve("t").toString()).orderBy("name").collectAsList();
    assertEquals(3, back.size());
    Row a = back.get(2);
    assertEquals("ünïcode 2", a.getString(0));
    assertEquals(1L, a.getLong(1));
    assertEquals(7, a.getInt(2));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(a.getDouble(3)));
    assertTrue(a.getBoolean(4));
    assertEquals(List.of(1.5, Double.NaN), a.getList(5));
    assertEquals(List.of(3, -1), a.getList(6));
    assertEquals("a", a.getString(7));
    Row b = back.get(0);
    assertEquals(Long.MAX_VALUE, b.getLong(1));
    assertTrue(b.isNullAt(2) && b.isNullAt(3) && b.isNullAt(5));
    assertEquals(List.of(), b.getList(6));
    Row c = back.get(1);
    assertEquals(Integer.MIN_VALUE, c.getInt(2));
    assertEquals(Double.POSITIVE_INFINITY, c.getDouble(3));
    assertEquals(List.of(), c.getList(5));

    // DuckDB, not Spark: the same rows, lists and NULLs, the partition value from the path.
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:"); Statement s = conn.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT count(*), count(k), count(xs), sum(len(hits)), max(n), "
          + "min(name), string_agg(DISTINCT part, ',') FROM read_parquet('" + tmp.resolve("t")
          + "/**/*.parquet', hive_partitioning = true)");
      rs.next();
      assertArrayEquals(new long[] {3, 2, 2, 3, Long.MAX_VALUE},
          new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
      assertEquals("b", rs.getString(6));
      assertEquals("a", rs.getString(7));
    }
  }

  @Test
  void aPartitionATaskComesBackToGetsAFileOfItsOwn() throws Exception {
    chunk((commit, conf) -> {
      TaskOutput files = attempt(commit, conf, 0);
      List<R> rows = rows("r");
      String[] dirs = {"t/part=a", "t/part=b", "t/part=a"};
      for (int i = 0; i < 3; i++) {
        files.writer(dirs[i], TABLE, "4.2.0").write(TABLE.row(rows.get(i)));
        files.finish(dirs[i]);
      }
      return List.of(files.commit());
    });
    List<String> names = new ArrayList<>();
    for (String p : List.of("a", "b")) {
      try (Stream<Path> files = Files.list(tmp.resolve("t/part=" + p))) {
        files.map(f -> "part=" + p + "/" + f.getFileName()).filter(n -> !n.contains("/.")).sorted().forEach(names::add);
      }
    }
    assertEquals(List.of("part=a/f2-part-00000-c00003.snappy.parquet", "part=a/part-00000-c00003.snappy.parquet",
        "part=b/part-00000-c00003.snappy.parquet"), names);
    List<Row> back = SharedSpark.get().read().parquet(tmp.resolve("t").toString()).orderBy("n").collectAsList();
    assertEquals(List.of("c", "ünïcode r", "b"), back.stream().map(r -> r.getString(0)).toList());
    assertEquals(List.of("a", "a", "b"), back.stream().map(r -> r.getString(7)).toList());
  }

  @Test
  void anAbortedAttemptLeavesNoFiles() throws Exception {
    String staged = tmp.resolve(ChunkCommit.STAGING).toString();
    chunk((commit, conf) -> {
      TaskOutput files = attempt(commit, conf, 0);
      files.writer("t/part=a", TABLE, "4.2.0").write(TABLE.row(rows("x").get(0)));
      try (Stream<Path> s = Files.walk(Path.of(staged))) {
        if (s.noneMatch(p -> p.toString().endsWith(".parquet"))) {
          throw new AssertionError("the attempt's file is not staged");
        }
      }
      files.abort(new RuntimeException("test"));
      try (Stream<Path> s = Files.walk(Path.of(staged))) {
        if (s.anyMatch(p -> p.toString().endsWith(".parquet"))) {
          throw new AssertionError("an aborted attempt left its file");
        }
      }
      return List.of();
    });
    assertFalse(Files.exists(tmp.resolve("t")));
    assertFalse(Files.exists(tmp.resolve(ChunkCommit.STAGING)));
  }
}
