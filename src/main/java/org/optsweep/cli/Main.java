package org.optsweep.cli;

import org.optsweep.InputException;
import org.optsweep.Problem;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code optsweep <command> [options]}: the command-line entry point.
 *
 * <p>Exit codes: 0 done; 2 bad input (command line, job file, data file, output location), with a
 * message that names what is wrong and what was expected, and nothing written; 1 a failure of the run
 * or its environment (a full disk, a lost cluster, a fault of optsweep), one line unless
 * {@code --verbose} asks for the stack trace.
 */
public final class Main {
  private Main() {}

  /** Exit code for bad input. */
  public static final int EXIT_USAGE = 2;
  /** Exit code for a failure of optsweep or of its environment (a full disk, a lost cluster). */
  public static final int EXIT_FAILURE = 1;

  /** A subcommand. */
  public interface Command {
    /** One line for the command list. */
    String summary();

    /** Runs; returns the exit code. Throws {@link InputException} on bad input. */
    int run(String[] args, PrintStream out, PrintStream err) throws Exception;
  }

  static Map<String, Command> commands() {
    Map<String, Command> m = new LinkedHashMap<>();
    m.put("solve", new SolveCommand());
    m.put("run", new RunCommand());
    m.put("validate", new ValidateCommand());
    m.put("check", new CheckCommand());
    m.put("list", new ListCommand());
    m.put("report", new ReportCommand());
    return m;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command line and returns the exit code (for tests: no System.exit). */
  public static int run(String[] argv, PrintStream out, PrintStream err) {
    // --verbose (anywhere) adds the stack trace to an error; without it an error is one clear line.
    boolean verbose = Arrays.asList(argv).contains("--verbose");
    String[] args = Arrays.stream(argv).filter(a -> !a.equals("--verbose")).toArray(String[]::new);
    Map<String, Command> commands = commands();
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
      usage(args.length == 0 ? err : out, commands);
      return args.length == 0 ? EXIT_USAGE : 0;
    }
    Command c = commands.get(args[0]);
    if (c == null) {
      err.println(Problem.escape("optsweep: unknown command '" + args[0] + "'"
          + org.optsweep.param.Names.didYouMean(args[0], commands.keySet()) + "; expected one of "
          + String.join(", ", commands.keySet())));
      return EXIT_USAGE;
    }
    try {
      return c.run(Arrays.copyOfRange(args, 1, args.length), out, err);
    } catch (InputException e) {
      err.println("optsweep " + args[0] + ": " + e.getMessage());
      if (verbose) {
        e.printStackTrace(err);
      }
      return EXIT_USAGE;
    } catch (Exception | OutOfMemoryError | StackOverflowError e) {
      String why = e instanceof org.optsweep.Failures.RunFailed ? e.getMessage() : org.optsweep.Failures.describe(e);
      err.println(Problem.escape("optsweep " + args[0] + ": failed: " + why)
          + (verbose ? "" : " (run with --verbose for the stack trace)"));
      if (verbose) {
        e.printStackTrace(err);
      }
      return EXIT_FAILURE;
    }
  }

  private static void usage(PrintStream s, Map<String, Command> commands) {
    s.println("usage: optsweep <command> [options]   (optsweep <command> --help for its options)");
    commands.forEach((k, v) -> s.printf("  %-10s %s%n", k, v.summary()));
  }
}
