package org.optsweep.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A job file was refused; carries every problem found, each with file:line:column. */
public class JobSpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<Problem> problems;

  public JobSpecException(List<Problem> problems) {
    super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in job file:\n  "
        + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
