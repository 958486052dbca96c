package org.optsweep.cli;

/** Bad input on the command line or in a file: reported to the user, exit code 2, nothing done. */
public class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
