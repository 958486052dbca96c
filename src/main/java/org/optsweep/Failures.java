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
    // A Spark job's message carries the failed task's stack trace after its first line: the first line of
    // it and of the root cause are what a person needs.
    StringBuilder b = new StringBuilder(firstLine(e.getMessage() != null ? e.getMessage() : e.toString()));
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String rootLine = root.getMessage() == null ? null : firstLine(root.getMessage());
    if (root != e && rootLine != null && !b.toString().contains(rootLine)) {
      b.append(" (caused by ").append(root.getClass().getSimpleName()).append(": ").append(rootLine).append(')');
    }
    String line = b.toString();
    // Hadoop prints whole FileStatus objects into its messages: the path is what a person needs.
    line = line.replaceAll("\\w*FileStatus\\{path=([^;}]+)[^}]*}", "$1");
    return Problem.escape(line);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl > 0 ? s.substring(0, nl) : s;
  }
}
