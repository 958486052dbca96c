package org.optsweep.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tasks' Parquet files: values written by {@link ParquetRows} read back unchanged by Spark and
 * by DuckDB, and the commit of {@link TaskFiles} publishing exactly the attempts it is given.
 */
class TaskFilesTest {
  @TempDir
  Path tmp;

  static final StructType SCHEMA = new StructType(new StructField[] {
      new StructField("name", DataTypes.StringType, false, Metadata.empty()),
      new StructField("n", DataTypes.LongType, false, Metadata.empty()),
      new StructField("k", DataTypes.IntegerType, true, Metadata.empty()),
      new StructField("v", DataTypes.DoubleType, true, Metadata.empty()),
      new StructField("ok", DataTypes.BooleanType, false, Metadata.empty()),
      new StructField("xs", DataTypes.createArrayType(DataTypes.DoubleType, false), true, Metadata.empty()),
      new StructField("hits", DataTypes.createArrayType(DataTypes.IntegerType, false), false, Metadata.empty()),
      new StructField("part", DataTypes.StringType, false, Metadata.empty())});
  static final List<String> STORED = List.of("name", "n", "k", "v", "ok", "xs", "hits");

  static Object[][] rows(String attempt) {
    return new Object[][] {
        {"ünïcode " + attempt, 1L, 7, -0.0, true, new double[] {1.5, Double.NaN}, new int[] {3, -1}, "a"},
        {"b", Long.MAX_VALUE, null, null, false, null, new int[0], "a"},
        {"c", -2L, Integer.MIN_VALUE, Double.POSITIVE_INFINITY, true, new double[0], new int[] {0}, "a"}};
  }

  /** The files of one attempt of a task, staged under the temporary folder. */
  TaskFiles files(Configuration conf, String staging, int chunk, int task) throws Exception {
    return new TaskFiles(new org.apache.hadoop.fs.Path(tmp.toUri()), staging, conf, CompressionCodecName.SNAPPY,
        chunk, task, 2);
  }

  /** One attempt of task 0 of chunk 3, writing the rows into partition part=a. */
  TaskFiles.Result attempt(Configuration conf, String id) throws Exception {
    String staging = TaskFiles.staging(3) + "/attempt=" + id;
    TaskFiles files = files(conf, staging, 3, 0);
    for (Object[] r : rows(id)) {
      files.writer("t/part=a", () -> new ParquetRows(SCHEMA, STORED, "4.2.0"), List.of("v", "xs.list.element"))
          .write(r);
    }
    return new TaskFiles.Result(0, staging, files.close(), 3, 0, 0, List.<Object[]>of());
  }

  @Test
  void onlyTheCommittedAttemptIsPublishedAndItsValuesReadBackUnchanged() throws Exception {
    Configuration conf = new Configuration();
    FileSystem fs = FileSystem.getLocal(conf);
    attempt(conf, "1");                              // e.g. a speculative attempt that lost the race
    TaskFiles.Result winner = attempt(conf, "2");
    assertEquals(List.of("t/part=a/part-00003-00000.snappy.parquet"), winner.files());
    TaskFiles.commit(fs, new org.apache.hadoop.fs.Path(tmp.toUri()), List.of(winner), 3);
    assertFalse(Files.exists(tmp.resolve(TaskFiles.staging(3))));
    assertTrue(Files.exists(tmp.resolve("t/part=a/part-00003-00000.snappy.parquet")));

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
    Configuration conf = new Configuration();
    String staging = TaskFiles.staging(1) + "/attempt=5";
    TaskFiles files = files(conf, staging, 1, 2);
    Object[][] rows = rows("r");
    String[] dirs = {"t/part=a", "t/part=b", "t/part=a"};
    for (int i = 0; i < 3; i++) {
      files.writer(dirs[i], () -> new ParquetRows(SCHEMA, STORED, "4.2.0"), List.of()).write(rows[i]);
      files.finish(dirs[i]);
    }
    List<String> written = files.close();
    assertEquals(List.of("t/part=a/part-00001-00002.snappy.parquet", "t/part=b/part-00001-00002.snappy.parquet",
        "t/part=a/part-00001-00002-2.snappy.parquet"), written);
    TaskFiles.commit(FileSystem.getLocal(conf), new org.apache.hadoop.fs.Path(tmp.toUri()),
        List.of(new TaskFiles.Result(2, staging, written, 3, 0, 0, List.<Object[]>of())), 1);
    List<Row> back = SharedSpark.get().read().parquet(tmp.resolve("t").toString()).orderBy("n").collectAsList();
    assertEquals(List.of("c", "ünïcode r", "b"), back.stream().map(r -> r.getString(0)).toList());
    assertEquals(List.of("a", "a", "b"), back.stream().map(r -> r.getString(7)).toList());
  }

  @Test
  void anAbortedAttemptLeavesNoFiles() throws Exception {
    Configuration conf = new Configuration();
    String staging = TaskFiles.staging(0) + "/attempt=9";
    TaskFiles files = files(conf, staging, 0, 4);
    files.writer("t/part=a", () -> new ParquetRows(SCHEMA, STORED, "4.2.0"), List.of()).write(rows("x")[0]);
    assertTrue(Files.exists(tmp.resolve(staging)));
    files.abort(new RuntimeException("test"));
    assertFalse(Files.exists(tmp.resolve(staging)));
  }
}
