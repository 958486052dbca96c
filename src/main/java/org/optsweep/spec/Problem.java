package org.optsweep.spec;

/**
 * One thing wrong with a job file: where, which field, which value, and what was expected.
 *
 * @param file     the job file as given
 * @param line     1-based line, 0 if unknown
 * @param column   1-based column, 0 if unknown
 * @param path     the field path, e.g. {@code studies[0].parameters.gamma.min}
 * @param value    the offending value as written, or {@code null}
 * @param expected what would have been accepted
 */
public record Problem(String file, int line, int column, String path, String value, String expected) {

  @Override
  public String toString() {
    String where = file + (line > 0 ? ":" + line + ":" + column : "");
    return where + ": " + path + (value == null ? "" : " = " + value) + ": " + expected;
  }
}
