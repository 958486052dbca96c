package org.optsweep.cli;

import org.optsweep.InputException;
import java.io.PrintStream;
import java.util.List;
import org.optsweep.objective.ObjectiveProvider;
import org.optsweep.objective.Objectives;
import org.optsweep.param.Param;
import org.optsweep.schedule.Schedules;
import org.optsweep.solver.SolverProvider;
import org.optsweep.solver.Solvers;
import org.optsweep.solver.Stopping;
import org.optsweep.spec.SolveSetup;

/** {@code optsweep list objectives|solvers|schedules|stopping}: every name with its parameters. */
final class ListCommand implements Main.Command {
  private static final List<String> WHAT = List.of("objectives", "solvers", "schedules", "stopping", "sections");

  @Override
  public String summary() {
    return "list objectives | solvers | schedules | stopping | sections with their parameters, ranges and defaults";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length != 1 || !WHAT.contains(args[0])) {
      throw new InputException("expected one of " + String.join(", ", WHAT)
          + (args.length == 0 ? "" : ", got '" + String.join(" ", args) + "'"));
    }
    switch (args[0]) {
      case "objectives" -> {
        for (ObjectiveProvider p : Objectives.all().values()) {
          section(out, p.name(), p.description(), p.params());
        }
      }
      case "solvers" -> {
        for (SolverProvider p : Solvers.all().values()) {
          String extra = (p.usesSchedule() ? " [learning rate from a schedule]" : "")
              + (p.usesGradient() ? "" : " [derivative-free]");
          section(out, p.name(), p.description() + extra, p.params());
        }
      }
      case "schedules" -> {
        for (org.optsweep.schedule.ScheduleProvider k : Schedules.all().values()) {
          section(out, k.name(), k.description(), k.params());
        }
      }
      case "sections" -> {
        out.println("job: name (letters, digits, _ . -), description (text), seed, studies (a list of studies);"
            + " every study key may also be written at the top, and the studies inherit it");
        section(out, "seed", "the job seed", List.of(org.optsweep.spec.JobParser.SEED));
        for (org.optsweep.spec.Sections.Section s : org.optsweep.spec.Sections.all()) {
          section(out, s.name(), s.doc(), s.params());
        }
      }
      default -> {
        section(out, "stopping", "rules every solver honours", Stopping.PARAMS);
        section(out, "gradient", "how gradients are obtained", org.optsweep.gradient.GradientMethod.PARAMS);
      }
    }
    return 0;
  }

  private static void section(PrintStream out, String name, String doc, List<Param<?>> params) {
    out.println(name + " — " + doc);
    if (params.isEmpty()) {
      out.println("    (no parameters)");
    }
    for (Param<?> p : params) {
      out.println("    " + p.describe());
    }
    out.println();
  }
}
