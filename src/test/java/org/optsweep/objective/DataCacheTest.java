package org.optsweep.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV reading, its error messages, and sharing of parsed files. */
class DataCacheTest {
  @TempDir
  Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static void assertMentions(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), "message should mention '" + part + "': " + message);
    }
  }

  private IllegalArgumentException failure(Path p) {
    return assertThrows(IllegalArgumentException.class, () -> DataCache.read(p.toString()));
  }

  @Test
  void readsNumbersWithHeaderAndTrailingEmptyLines() throws Exception {
    Path p = write("ok.csv", "x,y,z\n1, 2.5 ,-3e-2\r\n4,5,6\n\n\n");
    double[][] m = DataCache.read(p.toString());
    assertEquals(2, m.length);
    assertArrayEquals(new double[] {1, 2.5, -0.03}, m[0], 0.0);
    assertArrayEquals(new double[] {4, 5, 6}, m[1], 0.0);
  }

  @Test
  void firstLineIsDataWhenNumeric() throws Exception {
    double[][] m = DataCache.read(write("noheader.csv", "1,2\n3,4\n").toString());
    assertEquals(2, m.length);
    assertArrayEquals(new double[] {1, 2}, m[0], 0.0);
  }

  /** File, 1-based line, the column where the row ends, the row's text and the expected width. */
  @Test
  void shortRowIsRefused() throws Exception {
    Path p = write("short.csv", "a,b,c\n1,2,3\n4,5\n");
    assertMentions(failure(p).getMessage(), p.toString(), "line 3", "column 3", "'4,5'", "expected 3 values",
        "line 2");
  }

  @Test
  void longRowIsRefused() throws Exception {
    Path p = write("long.csv", "1,2\n3,4,99\n");
    assertMentions(failure(p).getMessage(), p.toString(), "line 2", "column 3", "'99'", "expected 2 values");
  }

  @Test
  void nonNumberIsRefused() throws Exception {
    Path p = write("text.csv", "1,2,3\n4,abc,6\n");
    assertMentions(failure(p).getMessage(), p.toString(), "line 2", "column 2", "'abc'", "expected a finite");
  }

  /** A first line with some numbers is data with a typo, not a header. */
  @Test
  void partlyNumericFirstLineIsAnError() throws Exception {
    Path p = write("typo.csv", "1,2x,3\n4,5,6\n");
    assertMentions(failure(p).getMessage(), p.toString(), "line 1", "column 2", "'2x'");
  }

  /** Spellings Java accepts but numpy/pandas would read differently (or not at all) are refused. */
  @Test
  void nonFiniteAndJavaOnlySpellingsAreRefused() throws Exception {
    for (String bad : new String[] {"NaN", "Infinity", "1d", "0x1p3", "1e400", ""}) {
      Path p = write("bad.csv", "1,2\n3," + bad + "\n");
      assertMentions(failure(p).getMessage(), "line 2", "column 2", "'" + bad + "'");
    }
  }

  @Test
  void emptyLineInsideDataIsRefused() throws Exception {
    Path p = write("gap.csv", "1,2\n\n3,4\n");
    assertMentions(failure(p).getMessage(), p.toString(), "line 2", "empty line");
  }

  @Test
  void headerWithoutRowsIsRefused() throws Exception {
    Path p = write("header.csv", "a,b\n\n");
    assertMentions(failure(p).getMessage(), p.toString(), "no data rows");
  }

  @Test
  void missingFileNamesPathAndReason() {
    Path p = dir.resolve("nowhere").resolve("missing.csv");
    assertMentions(failure(p).getMessage(), p.toString(), "no such file");
  }

  @Test
  void directoryIsUnreadable() {
    assertMentions(failure(dir).getMessage(), dir.toString(), "cannot be read");
  }

  /** One parse per (path, last-modified), shared by every reader; a newer file is parsed again. */
  @Test
  void sharesParsedFileUntilItChanges() throws Exception {
    Path p = write("shared.csv", "1,2\n");
    Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_000_000L));
    double[][] first = DataCache.read(p.toString());
    assertSame(first, DataCache.read(p.toString()));
    assertSame(first, DataCache.read(dir.resolve(".").resolve("shared.csv").toString()),
        "the same file by another spelling of its path");
    Files.writeString(p, "7,8\n");
    Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_001_000L));
    double[][] second = DataCache.read(p.toString());
    assertNotSame(first, second);
    assertArrayEquals(new double[] {7, 8}, second[0], 0.0);
  }

  @Test
  void concurrentReadersShareOneCopy() throws Exception {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append(i).append(',').append(i * 0.5).append('\n');
    }
    Path p = write("big.csv", text.toString());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<double[][]>> results = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        results.add(pool.submit(() -> DataCache.read(p.toString())));
      }
      double[][] one = results.get(0).get();
      assertEquals(20_000, one.length);
      for (Future<double[][]> r : results) {
        assertSame(one, r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
