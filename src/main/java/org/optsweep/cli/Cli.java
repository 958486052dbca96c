package org.optsweep.cli;

import org.optsweep.InputException;
import java.io.PrintStream;
import java.io.PrintWriter;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** commons-cli helpers shared by the subcommands. */
final class Cli {
  private Cli() {}

  /** Parses, turning commons-cli's errors into an {@link InputException}; null means help was printed. */
  static CommandLine parse(String command, Options options, String[] args, PrintStream out, String argsSyntax) {
    // -h is help unless a command has an option of that name (solve's --h, the finite-difference step).
    boolean shortHelp = !options.hasOption("h");
    options.addOption(Option.builder(shortHelp ? "h" : null).longOpt("help").desc("print this help")
        .get());
    // Before parsing: a command's required options would otherwise be reported missing instead of the help.
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("--help") || (shortHelp && a.equals("-h"))) {
        help(command, options, out, argsSyntax);
        return null;
      }
    }
    try {
      CommandLine cl = DefaultParser.builder().setAllowPartialMatching(false).build().parse(options, args);
      if (cl.hasOption("help")) {
        help(command, options, out, argsSyntax);
        return null;
      }
      return cl;
    } catch (ParseException e) {
      throw new InputException(show(e.getMessage()) + " (see optsweep " + command + " --help)");
    }
  }

  static void help(String command, Options options, PrintStream out, String argsSyntax) {
    PrintWriter w = new PrintWriter(out);
    new HelpFormatter().printHelp(w, 100, "optsweep " + command + " [options] " + argsSyntax, "", options, 2, 2, "");
    w.flush();
  }

  /** A value as shown in a message: at most 200 characters. */
  static String show(String v) {
    return v.length() <= 200 ? v : v.substring(0, 200) + "... (" + v.length() + " characters)";
  }

  /** A local path argument; a path the OS cannot name (a NUL in it) is bad input, not a crash. */
  static java.nio.file.Path path(String v, String what) {
    try {
      return java.nio.file.Path.of(v);
    } catch (java.nio.file.InvalidPathException e) {
      throw new InputException(what + " '" + show(v) + "' is not a valid path (" + e.getReason() + ")");
    }
  }

  private static InputException invalid(String opt, String v, String expected) {
    return new InputException("option --" + opt + " given invalid value '" + show(v) + "': expected " + expected);
  }

  /** A finite number option, naming the option and value on error. */
  static double number(CommandLine cl, String opt, double def) {
    String v = cl.getOptionValue(opt);
    if (v == null) {
      return def;
    }
    Double d = decimal(v);
    if (d == null) {
      throw invalid(opt, v, "a finite number");
    }
    return d;
  }

  /** A whole number option in [min, max]. */
  static int whole(CommandLine cl, String opt, int def, int min, int max) {
    String v = cl.getOptionValue(opt);
    if (v == null) {
      return def;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw invalid(opt, v, "a whole number in [" + min + ", " + max + "]");
  }

  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  /** A finite decimal number as numpy would read it, or null ("NaN", "Infinity", "0x1p3" are not). */
  static Double decimal(String s) {
    String t = s.trim();
    if (!DECIMAL.matcher(t).matches()) {
      return null;
    }
    double d = Double.parseDouble(t);
    return Double.isFinite(d) ? d : null;
  }

  /** Comma-separated finite numbers, each at least {@code min}; names the option on error. */
  static double[] numbers(String opt, String v, double min) {
    String[] parts = v.split(",", -1);
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      Double d = decimal(parts[i]);
      if (d == null || d < min) {
        throw invalid(opt, v, "comma-separated finite numbers" + (min > Double.NEGATIVE_INFINITY ? " >= " + (int) min
            : "") + " such as " + (min >= 0 ? "1e-3,1e-6" : "25,20") + " (item " + (i + 1) + " is '"
            + show(parts[i]) + "')");
      }
      out[i] = d;
    }
    return out;
  }
}
