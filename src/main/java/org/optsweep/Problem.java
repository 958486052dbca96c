package org.optsweep;

/**
 * One thing wrong with the input: where (file:line:column, when it comes from a file), which field,
 * which value, and what was expected.
 *
 * @param file     the file as given, or {@code null} (a command-line argument)
 * @param line     1-based line, 0 if unknown
 * @param column   1-based column, 0 if unknown
 * @param path     the field path, e.g. {@code studies[0].parameters.gamma.min}, or {@code null}
 * @param value    the offending value as written, or {@code null}
 * @param expected what would have been accepted (or, for a message without a field, the whole message)
 */
public record Problem(String file, int line, int column, String path, String value, String expected) {

  /** A problem that is only a sentence (a command-line error). */
  public static Problem of(String message) {
    return new Problem(null, 0, 0, null, null, message);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (file != null) {
      b.append(file);
      if (line > 0) {
        b.append(':').append(line).append(':').append(column);
      }
      b.append(": ");
    }
    if (path != null) {
      b.append(path);
      if (value != null) {
        // A value is echoed, not quoted in full: a million-coordinate start would flood the terminal.
        b.append(" = ").append(value.length() <= 200 ? value : value.substring(0, 200) + "... (" + value.length()
            + " characters)");
      }
      b.append(": ");
    }
    b.append(expected);
    return escape(b.toString());
  }

  /**
   * The text with control characters (a NUL byte, an escape sequence from the input) written as
   * {@code \\uXXXX}, so that input cannot corrupt a terminal or hide in a log; tabs and newlines stay.
   */
  public static String escape(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = Character.isISOControl(c) && c != '\n' && c != '\t'
          || c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f' || c >= '\u202a' && c <= '\u202e';
      if (control) {
        if (b == null) {
          b = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }
}
