package org.optsweep.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The report's data as JSON that can sit inside a {@code <script>} element. */
final class Json {
  private Json() {}

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A number for JSON: null for NaN and ±∞, which JSON cannot hold (the page shows them as "–"). */
  static Double num(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** {@code v} as JSON with {@code </} and the line separators escaped, safe inside a script element. */
  static String inScript(Object v) {
    try {
      return MAPPER.writeValueAsString(v).replace("</", "<\\/").replace("\u2028", "\\u2028")
          .replace("\u2029", "\\u2029");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report data not serialisable", e);
    }
  }
}
