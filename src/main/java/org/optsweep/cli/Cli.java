package org.optsweep.cli;

import org.optsweep.InputException;
import java.io.PrintStream;
import java.io.PrintWriter;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** commons-cli helpers shared by the subcommands. */
final class Cli {
  private Cli() {}

  /** Parses, turning commons-cli's errors into a {@link InputException}; null means help was printed. */
  static CommandLine parse(String command, Options options, String[] args, PrintStream out, String argsSyntax) {
    options.addOption("h", "help", false, "print this help");
    try {
      CommandLine cl = new DefaultParser().parse(options, args);
      if (cl.hasOption("help")) {
        help(command, options, out, argsSyntax);
        return null;
      }
      return cl;
    } catch (ParseException e) {
      throw new InputException(e.getMessage() + " (see optsweep " + command + " --help)");
    }
  }

  static void help(String command, Options options, PrintStream out, String argsSyntax) {
    PrintWriter w = new PrintWriter(out);
    new HelpFormatter().printHelp(w, 100, "optsweep " + command + " [options] " + argsSyntax, "", options, 2, 2, "");
    w.flush();
  }

  /** Parses a number option, naming the option and value on error. */
  static double number(CommandLine cl, String opt, double def) {
    String v = cl.getOptionValue(opt);
    if (v == null) {
      return def;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new InputException("option --" + opt + " given invalid value '" + v + "': expected a number");
    }
  }

  /** Parses a comma-separated list of numbers. */
  static double[] numbers(String opt, String v) {
    String[] parts = v.trim().split("\\s*,\\s*");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Double.parseDouble(parts[i]);
      } catch (NumberFormatException e) {
        throw new InputException("option --" + opt + " given invalid value '" + v
            + "': expected comma-separated numbers such as 25,20");
      }
    }
    return out;
  }
}
