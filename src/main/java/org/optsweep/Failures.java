package org.optsweep;

/** A failure as one line for people: what failed, and the root cause (a full disk, a lost executor). */
public final class Failures {
  private Failures() {}

  /** A run that failed, with the reason as one line (the cause keeps the stack trace for --verbose). */
  public static final class RunFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunFailed(String reason, Throwable cause) {
      super(reason, cause);
    }
  }

  /** The message and, where it says more, the root cause, on one line, control characters escaped. */
  public static String describe(Throwable e) {
    StringBuilder b = new StringBuilder(String.valueOf(e.getMessage() != null ? e.getMessage() : e.toString()));
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && root.getMessage() != null && !b.toString().contains(root.getMessage())) {
      b.append(" (caused by ").append(root.getClass().getSimpleName()).append(": ").append(root.getMessage())
          .append(')');
    }
    String line = b.toString();
    int nl = line.indexOf('\n');
    line = nl > 0 ? line.substring(0, nl) : line;
    // Hadoop prints whole FileStatus objects into its messages: the path is what a person needs.
    line = line.replaceAll("\\w*FileStatus\\{path=([^;}]+)[^}]*}", "$1");
    return Problem.escape(line);
  }
}
