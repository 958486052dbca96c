package org.optsweep.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The output directory, through Hadoop's FileSystem so that file:, hdfs: and s3a: paths all work.
 * Plain paths are local files.
 */
final class Output {
  final Path root;
  final FileSystem fs;
  /** Set by --overwrite: the old output is deleted once Spark has started. */
  boolean clearOnStart;

  Output(String location, Configuration conf) throws IOException {
    URI uri = URI.create(location.contains("://") || location.startsWith("file:") ? location
        : new java.io.File(location).getAbsoluteFile().toURI().toString());
    this.root = new Path(uri);
    this.fs = root.getFileSystem(conf);
    // No .crc companions for the small marker and JSON files on a local disk.
    fs.setWriteChecksum(false);
  }

  /**
   * The output at {@code location}, its file system resolved now: an unknown scheme or a path Hadoop
   * cannot parse is bad input, refused before Spark starts.
   *
   * @param option the command-line option that named it, for the message
   */
  static Output open(String option, String location, Configuration conf) {
    try {
      return new Output(location, conf);
    } catch (IOException | IllegalArgumentException e) {
      String why = e instanceof org.apache.hadoop.fs.UnsupportedFileSystemException
          ? "no Hadoop file system for its scheme (file:, hdfs: and s3a: with hadoop-aws are the usual ones)"
          : e.getMessage();
      throw new org.optsweep.InputException("option " + option + " given invalid value '" + location + "': " + why);
    }
  }

  Path path(String child) {
    return child.isEmpty() ? root : new Path(root, child);
  }

  String uri(String child) {
    return path(child).toString();
  }

  boolean exists(String child) throws IOException {
    return fs.exists(child.isEmpty() ? root : path(child));
  }

  FileStatus status() throws IOException {
    return fs.exists(root) ? fs.getFileStatus(root) : null;
  }

  void delete(String child) throws IOException {
    fs.delete(child.isEmpty() ? root : path(child), true);
  }

  /** Writes a small text file, replacing it (written beside and renamed where the FS allows). */
  void write(String child, String text) throws IOException {
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

  String read(String child) throws IOException {
    try (var in = fs.open(path(child))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
