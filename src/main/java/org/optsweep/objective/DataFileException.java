package org.optsweep.objective;

import org.optsweep.InputException;

/**
 * A data file that cannot be used: missing, not a regular file, too large, not UTF-8, or malformed
 * (the message then names the file's own line and column). The job file's reader adds where the file
 * was named ({@code objective.data}).
 */
public class DataFileException extends InputException {
  private static final long serialVersionUID = 1L;
  private final String path;

  /**
   * @param path    the data file as named
   * @param message what is wrong, with the file's line and column where it has them
   */
  public DataFileException(String path, String message) {
    super(message);
    this.path = path;
  }

  /** The data file as named. */
  public String path() {
    return path;
  }
}
