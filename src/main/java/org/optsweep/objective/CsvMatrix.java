package org.optsweep.objective;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dense numeric matrix from comma-separated text, one row per line.
 *
 * <p>Format: numbers separated by commas (spaces around them are ignored), every row the same
 * length. The first line is taken as a header only when none of its fields is a number; a first line
 * with some numbers and some text is a data line with a bad value, so a typo in the first row is
 * reported rather than silently dropped as a "header". Empty lines are allowed only at the end.
 * Values must be finite decimal numbers ({@code 1}, {@code -2.5}, {@code 3e-4}); Java-only spellings
 * that {@link Double#parseDouble} would accept ({@code NaN}, {@code Infinity}, {@code 1d},
 * {@code 0x1p3}) are refused, because numpy and pandas would read the same file differently.
 *
 * <p>Every error is an {@link IllegalArgumentException} naming the source, the 1-based line and
 * column, the offending text and what was expected.
 */
public final class CsvMatrix {
  private CsvMatrix() {}

  /**
   * Parses the whole input.
   *
   * @param source a name for messages, usually the absolute path
   * @param in     the text; read to the end, not closed
   * @return rows × columns, at least one row and one column
   * @throws IOException              when the reader fails
   * @throws IllegalArgumentException on a ragged row, a non-number, an empty line before the end, or
   *                                  no data rows at all
   */
  public static double[][] parse(String source, Reader in) throws IOException {
    BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
    List<double[]> rows = new ArrayList<>();
    int columns = -1;
    int firstDataLine = -1;
    int emptyLine = -1;
    String line;
    int lineNo = 0;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1); // a UTF-8 byte-order mark written by spreadsheet programs
      }
      if (line.isBlank()) {
        if (emptyLine < 0) {
          emptyLine = lineNo;
        }
        continue;
      }
      if (emptyLine > 0 && !rows.isEmpty()) {
        throw new DataFileException(source, where(source, emptyLine) + ": found an empty line, expected "
            + "a row of " + columns + " numbers (empty lines are allowed only at the end of the file)");
      }
      emptyLine = -1;
      String[] fields = line.split(",", -1);
      if (lineNo == 1 && isHeader(fields)) {
        continue;
      }
      if (columns < 0) {
        columns = fields.length;
        firstDataLine = lineNo;
      } else if (fields.length != columns) {
        throw ragged(source, lineNo, fields, columns, firstDataLine);
      }
      double[] row = new double[columns];
      for (int j = 0; j < columns; j++) {
        row[j] = number(source, lineNo, j, fields[j]);
      }
      rows.add(row);
    }
    if (rows.isEmpty()) {
      throw new DataFileException(source, "data file " + source + ": found no data rows, expected at "
          + "least one line of comma-separated numbers");
    }
    return rows.toArray(new double[0][]);
  }

  private static boolean isHeader(String[] fields) {
    for (String f : fields) {
      if (isNumber(f.trim())) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException ragged(String source, int lineNo, String[] fields, int columns,
                                                 int firstDataLine) {
    String expected = "expected " + columns + " values per row, as on line " + firstDataLine;
    if (fields.length < columns) {
      return new DataFileException(source, where(source, lineNo) + ", column " + (fields.length + 1)
          + ": found the row '" + clip(String.join(",", fields)) + "' ending after " + fields.length
          + " values, " + expected);
    }
    return new DataFileException(source, where(source, lineNo) + ", column " + (columns + 1)
        + ": found extra value '" + clip(fields[columns].trim()) + "' (" + fields.length + " values), "
        + expected);
  }

  private static double number(String source, int lineNo, int column, String field) {
    // Only blanks are trimmed: a control character (trim() would drop a NUL) is shown as found.
    String text = field.strip();
    if (isNumber(text)) {
      double v = Double.parseDouble(text);
      if (Double.isFinite(v)) {
        return v;
      }
    }
    throw new DataFileException(source, where(source, lineNo) + ", column " + (column + 1) + ": found '"
        + clip(field.strip()) + "', expected a finite decimal number");
  }

  /** Decimal notation only: what numpy.loadtxt, pandas and Java all read to the same double. */
  private static boolean isNumber(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static String where(String source, int lineNo) {
    return "data file " + source + ", line " + lineNo;
  }

  private static String clip(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
