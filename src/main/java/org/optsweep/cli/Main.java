package org.optsweep.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code optsweep <command> [options]}: the command-line entry point.
 *
 * <p>Exit codes: 0 done; 2 bad input (command line, job file, data file), with a message that names
 * what is wrong and what was expected, and nothing written; 1 an unexpected internal error.
 */
public final class Main {
  private Main() {}

  /** Exit code for bad input. */
  public static final int EXIT_USAGE = 2;

  /** A subcommand. */
  public interface Command {
    /** One line for the command list. */
    String summary();

    /** Runs; returns the exit code. Throws {@link UsageException} or IllegalArgumentException on bad input. */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
  }

  static Map<String, Command> commands() {
    Map<String, Command> m = new LinkedHashMap<>();
    m.put("solve", new SolveCommand());
    m.put("run", new RunCommand());
    m.put("validate", new ValidateCommand());
    m.put("list", new ListCommand());
    return m;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command line and returns the exit code (for tests: no System.exit). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, Command> commands = commands();
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
      usage(args.length == 0 ? err : out, commands);
      return args.length == 0 ? EXIT_USAGE : 0;
    }
    Command c = commands.get(args[0]);
    if (c == null) {
      err.println("optsweep: unknown command '" + args[0] + "'"
          + org.optsweep.param.Settings.didYouMean(args[0], commands.keySet()) + "; expected one of "
          + String.join(", ", commands.keySet()));
      return EXIT_USAGE;
    }
    try {
      return c.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    } catch (UsageException | IllegalArgumentException e) {
      err.println("optsweep " + args[0] + ": " + e.getMessage());
      return EXIT_USAGE;
    } catch (Exception e) {
      err.println("optsweep " + args[0] + ": internal error: " + e);
      e.printStackTrace(err);
      return 1;
    }
  }

  private static void usage(PrintStream s, Map<String, Command> commands) {
    s.println("usage: optsweep <command> [options]   (optsweep <command> --help for its options)");
    commands.forEach((k, v) -> s.printf("  %-10s %s%n", k, v.summary()));
  }
}
