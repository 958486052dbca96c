package org.optsweep.param;

import org.optsweep.InputException;

/**
 * A parameter was given a value outside its type or range. The message follows Spark's
 * {@code ml.param}: {@code "<owner> parameter <name> given invalid value <v>: expected <what>"}.
 */
public class InvalidParameterException extends InputException {
  private static final long serialVersionUID = 1L;

  private final String owner;
  private final String parameter;
  private final transient Object value;
  private final String expected;

  /**
   * @param owner     what the parameter belongs to ("solver nag")
   * @param parameter the parameter's name, or {@code null} when the owner as a whole was refused (a
   *                  data file its factory could not use); {@code expected} is then the whole reason
   * @param value     the value given
   * @param expected  what would have been accepted
   */
  public InvalidParameterException(String owner, String parameter, Object value, String expected) {
    super(parameter == null ? owner + ": " + expected
        : owner + " parameter " + parameter + " given invalid value " + show(value) + ": expected " + expected);
    this.owner = owner;
    this.parameter = parameter;
    this.value = value;
    this.expected = expected;
  }

  private static String show(Object v) {
    if (v == null) {
      return "(none)";
    }
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }

  public String owner() {
    return owner;
  }

  public String parameter() {
    return parameter;
  }

  public Object value() {
    return value;
  }

  public String expected() {
    return expected;
  }
}
