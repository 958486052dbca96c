package org.optsweep.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFilesTest {
  @TempDir
  java.nio.file.Path dir;

  @Test
  void permissionsAreTheOctalModesAsChmodSetsThem() throws Exception {
    FileSystem fs = new Path(dir.toUri()).getFileSystem(LocalFiles.use(new Configuration()));
    assertInstanceOf(LocalFiles.class, fs);
    // Modes worked by hand: 0750 = rwx r-x ---, 0644 = rw- r-- r--, 0401 = r-- --- --x.
    String[][] cases = {{"750", "rwxr-x---"}, {"644", "rw-r--r--"}, {"401", "r-------x"}};
    for (String[] c : cases) {
      Path d = new Path(dir.resolve("d" + c[0]).toUri());
      fs.mkdirs(d);
      fs.setPermission(d, new FsPermission(c[0]));
      assertEquals(c[1], PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("d" + c[0]))));
    }
    // What a writer does: create a file under a new directory; the umask (022) applies as with chmod.
    Path f = new Path(dir.resolve("a/b/part.parquet").toUri());
    fs.create(f).close();
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part.parquet"))));
    // Checksums stay Hadoop's.
    assertEquals(true, Files.exists(dir.resolve("a/b/.part.parquet.crc")));
  }

  @Test
  void aUsersOwnImplementationIsLeftAloneAndNothingIsCachedJvmWide() throws Exception {
    Configuration own = new Configuration();
    own.set("fs.file.impl", "com.example.TheirFs");
    assertEquals("com.example.TheirFs", LocalFiles.use(own).get("fs.file.impl"));
    Configuration c = LocalFiles.use(new Configuration());
    assertNotSame(FileSystem.get(dir.toUri(), c), FileSystem.get(dir.toUri(), c));
    assertInstanceOf(LocalFileSystem.class, FileSystem.get(dir.toUri(), new Configuration()));
    assertEquals(LocalFileSystem.class, FileSystem.get(dir.toUri(), new Configuration()).getClass());
  }
}
