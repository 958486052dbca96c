package org.optsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.optsweep.InputException;
import org.optsweep.Problem;

/**
 * The problems found in one job file, each at the position of the value at fault; the same problem
 * found twice (the same setting refused by many trials) is kept once.
 */
final class Problems {
  private final String file;
  private final LinkedHashSet<Problem> found = new LinkedHashSet<>();

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  /** A problem at {@code at} (null: the file as a whole). */
  void add(Yaml.Node at, String path, String value, String expected) {
    found.add(new Problem(file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), path, value, expected));
  }

  void add(int line, int column, String path, String value, String expected) {
    found.add(new Problem(file, line, column, path, value, expected));
  }

  /** Whether a problem was reported at this position. */
  boolean reportedAt(Yaml.Node at) {
    return found.stream().anyMatch(p -> p.line() == at.line() && p.column() == at.column());
  }

  int size() {
    return found.size();
  }

  boolean any() {
    return !found.isEmpty();
  }

  /** Throws everything found, if anything was. */
  void throwIfAny() {
    if (any()) {
      throw new InputException(new ArrayList<>(found));
    }
  }

  List<Problem> list() {
    return List.copyOf(found);
  }
}
