package org.optsweep;

import java.util.List;

/**
 * Bad input — a job file, a data file, a command-line argument, an output location — refused before
 * any work: the command exits with code 2 and prints every {@link Problem}. It is an
 * IllegalArgumentException, but the command line treats only this type as the user's error: any
 * other exception is a fault of optsweep or of the environment (exit 1).
 */
public class InputException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  /** Problems printed in full; the rest are counted. */
  public static final int MAX_PRINTED = 50;

  private final transient List<Problem> problems;

  /** One problem that is a sentence. */
  public InputException(String message) {
    this(List.of(Problem.of(message)));
  }

  /** Every problem found, in the order found. */
  public InputException(List<Problem> problems) {
    super(format(problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, each with its position where it has one. */
  public List<Problem> problems() {
    return problems;
  }

  private static String format(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    StringBuilder b = new StringBuilder(problems.size() + " problems:");
    for (int i = 0; i < Math.min(MAX_PRINTED, problems.size()); i++) {
      b.append("\n  ").append(problems.get(i));
    }
    if (problems.size() > MAX_PRINTED) {
      b.append("\n  ... and ").append(problems.size() - MAX_PRINTED).append(" more problems");
    }
    return b.toString();
  }
}
