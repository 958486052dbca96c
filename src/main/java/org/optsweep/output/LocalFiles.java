package org.optsweep.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) with one change: permissions are set through
 * {@code java.nio} instead of a {@code chmod} child process. Without Hadoop's native library (Spark's
 * Maven jars have none) {@code RawLocalFileSystem} forks {@code chmod} for every directory it creates and
 * every file it writes: about 250 forks of a gigabyte-sized JVM (~6 ms each on these machines) per run
 * of the seed job, a quarter of its write time. Everything else — checksums, renames, listing — is
 * Hadoop's own. A permission NIO cannot express (a sticky bit) or a file system without POSIX
 * attributes goes to Hadoop's way.
 *
 * <p>Used only for optsweep's own output (the chunk commits and the driver's files, see
 * {@link #use}); a user's {@code fs.file.impl} is left alone.
 */
public final class LocalFiles extends LocalFileSystem {
  /** Hadoop's setting naming the {@code file:} implementation. */
  static final String IMPL = "fs.file.impl";

  public LocalFiles() {
    super(new Raw());
  }

  /**
   * Makes {@code conf} open {@code file:} paths with this class unless it names another implementation.
   * Its instances are not cached (a JVM-wide cache entry would change the file system of code that never
   * asked for it); creating one is a few objects.
   */
  public static Configuration use(Configuration conf) {
    if (conf.get(IMPL) == null || conf.get(IMPL).equals(LocalFileSystem.class.getName())) {
      conf.set(IMPL, LocalFiles.class.getName());
      conf.setBoolean("fs.file.impl.disable.cache", true);
    }
    return conf;
  }

  /** The raw file system underneath the checksums: where Hadoop forks {@code chmod}. */
  static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (permission.getStickyBit()) {
        super.setPermission(p, permission);
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }

    static Set<PosixFilePermission> posix(FsPermission permission) {
      Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
      add(s, permission.getUserAction(), PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);
      add(s, permission.getGroupAction(), PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE);
      add(s, permission.getOtherAction(), PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
      return s;
    }

    private static void add(Set<PosixFilePermission> s, FsAction a, PosixFilePermission r, PosixFilePermission w,
                            PosixFilePermission x) {
      if (a.implies(FsAction.READ)) {
        s.add(r);
      }
      if (a.implies(FsAction.WRITE)) {
        s.add(w);
      }
      if (a.implies(FsAction.EXECUTE)) {
        s.add(x);
      }
    }
  }
}
