package org.optsweep.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optsweep.spark.SharedSpark;

/**
 * Data sets: the fingerprint against numpy's, the registry the driver fills, and the three formats, each
 * read back to the CSV's bits.
 */
class DataSetsTest {

  static final String DIABETES = Path.of("jobs/data/diabetes.csv").toAbsolutePath().toString();

  @AfterEach
  void forget() {
    DataSets.clear();
  }

  /**
   * numpy: {@code hashlib.sha256(struct.pack('>qq', *a.shape) + a.astype('>f8').tobytes()).hexdigest()} of
   * {@code np.loadtxt('jobs/data/diabetes.csv', delimiter=',', skiprows=1)}.
   */
  @Test
  void fingerprintIsNumpysSha256OfShapeAndBigEndianValues() {
    assertEquals("4e64d3799acfef8b1ebbdc3df63144b8551e7f3dde45ad95eea31a03858f5075",
        DataSets.fingerprint(DataCache.read(DIABETES)));
    // The shape is part of it: the same six values as 2 × 3 and 3 × 2 are different data.
    assertNotEquals(DataSets.fingerprint(new double[][] {{1, 2, 3}, {4, 5, 6}}),
        DataSets.fingerprint(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
    // -0.0 and 0.0 have different bits.
    assertNotEquals(DataSets.fingerprint(new double[][] {{0.0}}), DataSets.fingerprint(new double[][] {{-0.0}}));
  }

  @Test
  void formatFollowsTheExtensionUnlessDeclared(@TempDir Path dir) {
    assertEquals(DataSets.Format.CSV, DataSets.Format.of("a/b.CSV", "auto"));
    assertEquals(DataSets.Format.PARQUET, DataSets.Format.of("hdfs://nn/x.parquet/", null));
    assertEquals(DataSets.Format.PARQUET, DataSets.Format.of(dir.toString(), "auto"));
    assertEquals(DataSets.Format.LIBSVM, DataSets.Format.of("s3a://b/a9a.txt", "auto"));
    assertEquals(DataSets.Format.LIBSVM, DataSets.Format.of("x.svm", "auto"));
    assertEquals(DataSets.Format.CSV, DataSets.Format.of("x.data", "csv"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSets.Format.of("/no/x.data", "auto"));
    assertTrue(e.getMessage().contains("/no/x.data") && e.getMessage().contains("format"), e.getMessage());
  }

  /** What the driver does: a registered matrix is what every load of that source returns, in this JVM. */
  @Test
  void aRegisteredMatrixTakesPrecedenceOverTheFile() {
    DataSets.Source src = new DataSets.Source(DIABETES, DataSets.Format.CSV, 10);
    double[][] fromFile = DataSets.load(src);
    assertSame(DataCache.read(DIABETES), fromFile);
    double[][] shipped = new double[][] {{1, 2}, {3, 4}};
    DataSets.register(src.key(), shipped);
    assertSame(shipped, DataSets.load(src));
    Map<String, double[][]> snapshot = DataSets.registered();
    assertSame(shipped, snapshot.get(src.key()));
    DataSets.clear();
    assertSame(fromFile, DataSets.load(src));
    DataSets.registerAll(snapshot);
    assertSame(shipped, DataSets.load(src));
    assertThrows(IllegalArgumentException.class, () -> DataSets.register("k", new double[][] {{1, 2}, {3}}));
    // The key carries the path as written, the format, and LIBSVM's feature count.
    assertEquals("libsvm:7:data/a.txt", new DataSets.Source("data/a.txt", DataSets.Format.LIBSVM, 7).key());
    assertEquals("csv:data/a.csv", new DataSets.Source("data/a.csv", DataSets.Format.CSV, 7).key());
  }

  /** An objective built on a registered matrix uses it: the executor's side of the protocol. */
  @Test
  void anObjectiveUsesTheRegisteredMatrix() {
    String path = "not/on/this/machine.csv";
    DataSets.register(new DataSets.Source(path, DataSets.Format.CSV, 10).key(), DataCache.read(DIABETES));
    Glm f = (Glm) Objectives.find("elastic_net").create(Map.of("data", path, "dimension", 10));
    Glm g = (Glm) Objectives.find("elastic_net").create(Map.of("data", DIABETES, "dimension", 10));
    assertEquals(g.referenceKey(), f.referenceKey(), "same bits, same reference key");
  }

  private static final MessageType MIXED = MessageTypeParser.parseMessageType("message m {"
      + " required int32 i; optional int64 l; required float f; required binary name (UTF8);"
      + " required int32 dec (DECIMAL(9,3)); required boolean flag; optional double y; }");

  private static void write(Path file, Object[][] rows) throws Exception {
    SimpleGroupFactory groups = new SimpleGroupFactory(MIXED);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(file.toString()))
        .withType(MIXED).withConf(new Configuration()).build()) {
      for (Object[] r : rows) {
        Group g = groups.newGroup().append("i", (int) r[0]);
        if (r[1] != null) {
          g.append("l", (long) r[1]);
        }
        g.append("f", (float) r[2]).append("name", Binary.fromString("s")).append("dec", (int) r[3])
            .append("flag", true);
        if (r[4] != null) {
          g.append("y", (double) r[4]);
        }
        w.write(g);
      }
    }
  }

  /**
   * Numeric columns in schema order (string and boolean skipped), decimals scaled (1250 at scale 3 is 1.25),
   * floats widened exactly, the last numeric column the response; a directory is its files in name order.
   */
  @Test
  void parquetNumericColumnsInOrder(@TempDir Path dir) throws Exception {
    Path single = dir.resolve("one.parquet");
    write(single, new Object[][] {{1, 10L, 0.5f, 1250, 7.5}, {-2, 20L, 0.1f, -2000, 1e-300}});
    double[][] m = DataSets.load(new DataSets.Source(single.toString(), DataSets.Format.PARQUET, 0));
    assertArrayEquals(new double[] {1, 10, 0.5, 1.25, 7.5}, m[0], 0.0);
    assertArrayEquals(new double[] {-2, 20, (double) 0.1f, -2.0, 1e-300}, m[1], 0.0);
    Path parts = Files.createDirectory(dir.resolve("parts"));
    write(parts.resolve("part-00001.parquet"), new Object[][] {{3, 30L, 1f, 1, 3.0}});
    write(parts.resolve("part-00000.parquet"), new Object[][] {{2, 20L, 1f, 1, 2.0}});
    Files.writeString(parts.resolve("_SUCCESS"), "");
    double[][] both = DataSets.load(new DataSets.Source(parts.toString(), DataSets.Format.of(parts.toString(),
        "auto"), 0));
    assertEquals(2, both.length);
    assertEquals(2.0, both[0][4], 0.0);
    assertEquals(3.0, both[1][4], 0.0);
    assertEquals(new BigDecimal("0.001").doubleValue(), both[0][3], 0.0);
  }

  @Test
  void aNullInParquetIsRefusedWithRowAndColumn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nulls.parquet");
    write(file, new Object[][] {{1, 10L, 0.5f, 1, 1.0}, {2, null, 0.5f, 1, 2.0}});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataSets.load(new DataSets.Source(file.toString(), DataSets.Format.PARQUET, 0)));
    assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("column l")
        && e.getMessage().contains("null"), e.getMessage());
  }

  /** Diabetes as Parquet (written by Spark) and as LIBSVM (1-based, label first) reads back to the CSV's bits. */
  @Test
  void diabetesAsParquetAndLibsvmHasTheCsvsBits(@TempDir Path dir) throws Exception {
    double[][] csv = DataCache.read(DIABETES);
    var spark = SharedSpark.get();
    java.util.List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
    StringBuilder libsvm = new StringBuilder();
    for (double[] r : csv) {
      rows.add(org.apache.spark.sql.RowFactory.create(java.util.Arrays.stream(r).boxed().toArray()));
      libsvm.append(r[10]);
      for (int j = 0; j < 10; j++) {
        libsvm.append(' ').append(j + 1).append(':').append(r[j]);
      }
      libsvm.append('\n');
    }
    var schema = new org.apache.spark.sql.types.StructType();
    for (int j = 0; j <= 10; j++) {
      schema = schema.add("c" + j, org.apache.spark.sql.types.DataTypes.DoubleType);
    }
    String pq = dir.resolve("diabetes.parquet").toString();
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(pq);
    double[][] fromParquet = DataSets.load(new DataSets.Source(pq, DataSets.Format.of(pq, "auto"), 10));
    Path svm = dir.resolve("diabetes.libsvm");
    Files.writeString(svm, libsvm);
    double[][] fromLibsvm = DataSets.load(new DataSets.Source(svm.toString(), DataSets.Format.LIBSVM, 10));
    String fp = DataSets.fingerprint(csv);
    assertEquals(fp, DataSets.fingerprint(fromParquet));
    assertEquals(fp, DataSets.fingerprint(fromLibsvm));
    Glm viaLibsvm = (Glm) Objectives.find("elastic_net").create(Map.of("data", svm.toString(), "dimension", 10));
    assertEquals(fp, viaLibsvm.data().fingerprint());
  }
}
