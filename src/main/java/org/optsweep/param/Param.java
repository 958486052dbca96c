package org.optsweep.param;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One named, documented, validated hyperparameter of an objective, a solver or a schedule.
 *
 * <p>Modelled on Spark's {@code ml.param.Param}: a name, a doc string and a validator; a bad value
 * is refused with {@code "<owner> parameter <name> given invalid value <v>: expected <what>"}.
 * Every parameter has a default, so a component can always be built from an empty {@link Settings}.
 *
 * <p>Typed: a component reads its value as {@code settings.get(GAMMA)} with the declared type, so a
 * parameter's name, type, default, range and doc are written once, where it is declared.
 *
 * @param <T>          the Java type of the value: Double, Integer, Boolean, String or double[]
 * @param name         the key used in job files and on the command line ({@code gamma}, {@code lr0})
 * @param type         the value type
 * @param defaultValue the value used when a setting does not name this parameter
 * @param doc          meaning, unit and reference, one line
 * @param min          lower bound for numbers ({@code -Infinity} if none)
 * @param max          upper bound for numbers ({@code +Infinity} if none)
 * @param minInclusive whether {@code min} itself is allowed
 * @param maxInclusive whether {@code max} itself is allowed
 * @param choices      allowed values for {@link Type#CHOICE}; empty otherwise
 */
public record Param<T>(String name, Type type, T defaultValue, String doc,
                       double min, double max, boolean minInclusive, boolean maxInclusive,
                       List<String> choices) {

  /** Value types a parameter can take. */
  public enum Type { DOUBLE, INT, LONG, BOOLEAN, CHOICE, STRING, DOUBLE_ARRAY }

  public Param {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(doc, "doc");
    choices = List.copyOf(choices);
  }

  /** A real parameter in [min, max] (both inclusive). */
  public static Param<Double> real(String name, double def, double min, double max, String doc) {
    return new Param<>(name, Type.DOUBLE, def, doc, min, max, true, true, List.of());
  }

  /** A finite real parameter &gt; 0: for quantities that must be strictly positive. */
  public static Param<Double> positive(String name, double def, String doc) {
    return new Param<>(name, Type.DOUBLE, def, doc, 0, Double.POSITIVE_INFINITY, false, false, List.of());
  }

  /** A finite real parameter that must be {@code >= 0}. */
  public static Param<Double> nonNegative(String name, double def, String doc) {
    return new Param<>(name, Type.DOUBLE, def, doc, 0, Double.POSITIVE_INFINITY, true, false, List.of());
  }

  /** A real parameter in [0, 1): momentum coefficients and Adam's betas. */
  public static Param<Double> unitInterval(String name, double def, String doc) {
    return new Param<>(name, Type.DOUBLE, def, doc, 0, 1, true, false, List.of());
  }

  /** A real parameter in the open interval (min, max): constants that must lie strictly inside. */
  public static Param<Double> openInterval(String name, double def, double min, double max, String doc) {
    return new Param<>(name, Type.DOUBLE, def, doc, min, max, false, false, List.of());
  }

  /** A 64-bit integer parameter in [min, max] (counts, seeds); compared exactly, never through a double. */
  public static Param<Long> whole(String name, long def, long min, long max, String doc) {
    return new Param<>(name, Type.LONG, def, doc, min, max, true, true, List.of());
  }

  /** An integer parameter in [min, max]. */
  public static Param<Integer> integer(String name, int def, int min, int max, String doc) {
    return new Param<>(name, Type.INT, def, doc, min, max, true, true, List.of());
  }

  /** A boolean flag. */
  public static Param<Boolean> flag(String name, boolean def, String doc) {
    return new Param<>(name, Type.BOOLEAN, def, doc, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        true, true, List.of());
  }

  /** One of a fixed list of names. */
  public static Param<String> choice(String name, String def, List<String> choices, String doc) {
    return new Param<>(name, Type.CHOICE, def, doc, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        true, true, choices);
  }

  /** Free text, such as a file path ({@code null} default means "not given"). */
  public static Param<String> text(String name, String def, String doc) {
    return new Param<>(name, Type.STRING, def, doc, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        true, true, List.of());
  }

  /** A list of reals, each in [min, max]; {@code def} may be {@code null} (not given). */
  public static Param<double[]> reals(String name, double[] def, double min, double max, String doc) {
    return new Param<>(name, Type.DOUBLE_ARRAY, def, doc, min, max, true, true, List.of());
  }

  /**
   * Converts a raw value (from YAML, JSON or the command line) to this parameter's type and checks it.
   *
   * @param owner what the parameter belongs to, for the message ("solver nag")
   * @throws InvalidParameterException naming owner, parameter, value and what was expected
   */
  public T coerce(String owner, Object raw) {
    return cast(coerceRaw(owner, raw));
  }

  @SuppressWarnings("unchecked")
  private T cast(Object v) {
    return (T) v;
  }

  private Object coerceRaw(String owner, Object raw) {
    if (raw == null) {
      throw invalid(owner, null, (type == Type.INT || type == Type.LONG ? "an " : "a ") + typeName()
          + (type == Type.DOUBLE || type == Type.INT || type == Type.LONG ? " in " + rangeText()
              : type == Type.CHOICE ? ", one of " + choices : ""));
    }
    switch (type) {
      case DOUBLE: {
        double v = toDouble(owner, raw);
        checkRange(owner, raw, v);
        return v;
      }
      case INT:
        return (int) toWhole(owner, raw);
      case LONG:
        return toWhole(owner, raw);
      case BOOLEAN:
        if (raw instanceof Boolean b) {
          return b;
        }
        if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
          return Boolean.parseBoolean(s);
        }
        throw invalid(owner, raw, "true or false");
      case CHOICE: {
        String s = String.valueOf(raw).trim().toLowerCase(Locale.ROOT);
        if (!choices.contains(s)) {
          throw invalid(owner, raw, "one of " + choices);
        }
        return s;
      }
      case STRING:
        return String.valueOf(raw);
      case DOUBLE_ARRAY:
        return toArray(owner, raw);
      default:
        throw new AssertionError(type);
    }
  }

  private double[] toArray(String owner, Object raw) {
    double[] out;
    if (raw instanceof double[] d) {
      out = d.clone();
    } else if (raw instanceof List<?> list) {
      out = new double[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = toDouble(owner, list.get(i));
      }
    } else if (raw instanceof String s) {
      String body = s.trim();
      if (body.startsWith("[") && body.endsWith("]")) {
        body = body.substring(1, body.length() - 1);
      }
      String[] parts = body.isBlank() ? new String[0] : body.split(",");
      out = new double[parts.length];
      for (int i = 0; i < parts.length; i++) {
        out[i] = toDouble(owner, parts[i].trim());
      }
    } else if (raw instanceof Number n) {
      out = new double[] {n.doubleValue()};
    } else {
      throw invalid(owner, raw, "a list of numbers");
    }
    for (double v : out) {
      checkRange(owner, raw, v);
    }
    return out;
  }

  /**
   * An integer in [min, max], exactly: a long is compared as a long (a 64-bit seed must not pass
   * through a double), and a value out of range is refused, never clamped.
   */
  private long toWhole(String owner, Object raw) {
    long v;
    if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
      v = ((Number) raw).longValue();
    } else if (raw instanceof java.math.BigInteger) {
      throw invalid(owner, raw, "an integer in " + rangeText());
    } else {
      double d;
      if (raw instanceof String s) {
        try {
          v = Long.parseLong(s.trim());
          return checkWhole(owner, raw, v);
        } catch (NumberFormatException e) {
          d = toDouble(owner, raw);
        }
      } else {
        d = toDouble(owner, raw);
      }
      // 2^63 as a double is exactly Long.MAX_VALUE + 1: refused by the strict bound.
      if (d != Math.rint(d) || !(d >= -0x1p63 && d < 0x1p63)) {
        throw invalid(owner, raw, "an integer in " + rangeText());
      }
      v = (long) d;
    }
    return checkWhole(owner, raw, v);
  }

  private long checkWhole(String owner, Object raw, long v) {
    // Bounds are doubles: exact for every range declared here (|bound| < 2^53, or the full long range).
    if ((double) v < min || (double) v > max) {
      throw invalid(owner, raw, "an integer in " + rangeText());
    }
    return v;
  }

  private double toDouble(String owner, Object raw) {
    if (raw instanceof Number n) {
      return n.doubleValue();
    }
    if (raw instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException e) {
        throw invalid(owner, raw, "a number");
      }
    }
    throw invalid(owner, raw, "a number");
  }

  private void checkRange(String owner, Object raw, double v) {
    boolean ok = !Double.isNaN(v)
        && (minInclusive ? v >= min : v > min)
        && (maxInclusive ? v <= max : v < max);
    if (!ok) {
      throw invalid(owner, raw, "a " + typeName() + " in " + rangeText());
    }
  }

  /** The allowed range as an interval, e.g. {@code [0, 1)} or {@code (0, inf)}. */
  public String rangeText() {
    return (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxInclusive ? "]" : ")");
  }

  private static String fmt(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (Math.abs(v) == Double.MAX_VALUE) {
      return (v < 0 ? "-" : "") + "1.8e308";
    }
    if (Math.abs(v) >= 0x1p63) {
      return v < 0 ? "-2^63" : "2^63-1";
    }
    return v == Math.rint(v) ? new java.math.BigDecimal(v).toPlainString() : Double.toString(v);
  }

  private String typeName() {
    return switch (type) {
      case DOUBLE -> "number";
      case INT, LONG -> "integer";
      case BOOLEAN -> "boolean";
      case CHOICE -> "name";
      case STRING -> "text";
      case DOUBLE_ARRAY -> "list of numbers";
    };
  }

  private InvalidParameterException invalid(String owner, Object raw, String expected) {
    return new InvalidParameterException(owner, name, raw, expected);
  }

  /** A one-line description for {@code optsweep list}: name, type/range, default, doc. */
  public String describe() {
    String range = switch (type) {
      case DOUBLE, INT, LONG -> typeName() + " in " + rangeText();
      case CHOICE -> "one of " + choices;
      default -> typeName();
    };
    Object def = defaultValue instanceof double[] d ? java.util.Arrays.toString(d) : defaultValue;
    return String.format(Locale.ROOT, "%-18s %-34s default %-10s %s", name, range, def, doc);
  }
}
