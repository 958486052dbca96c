package org.optsweep.cli;

import org.optsweep.InputException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.optsweep.search.Domain;
import org.optsweep.spec.JobParser;
import org.optsweep.spec.JobSpec;
import org.optsweep.spec.StudySpec;

/**
 * {@code optsweep validate JOB.yaml}: checks a job file without running it and prints what it would
 * do — studies, the parameter table, trials × replicates and the iteration budget.
 */
final class ValidateCommand implements Main.Command {

  @Override
  public String summary() {
    return "check a job file and print its studies, parameters and size; exit 2 on problems";
  }

  @Override
  public int run(String[] args, PrintStream out, PrintStream err) {
    org.apache.commons.cli.CommandLine cl = Cli.parse("validate", new org.apache.commons.cli.Options(), args, out,
        "JOB.yaml");
    if (cl == null) {
      return 0;
    }
    if (cl.getArgList().size() != 1) {
      throw new InputException("expected one job file, got " + (cl.getArgList().isEmpty() ? "none"
          : cl.getArgList().size() + ": " + Cli.show(String.join(" ", cl.getArgList())))
          + " (usage: optsweep validate JOB.yaml)");
    }
    long t0 = System.nanoTime();
    JobSpec job = JobParser.parse(Cli.path(cl.getArgList().get(0), "the job file"));
    print(job, out);
    out.printf("valid (checked in %.0f ms)%n", (System.nanoTime() - t0) / 1e6);
    return 0;
  }

  static void print(JobSpec job, PrintStream out) {
    out.printf("job %s (seed %d, %s search%s)%n", job.name(), job.seed(), job.method(),
        job.method().equals("grid") ? "" : job.adaptive() ? ", ranked by " + job.metric().key()
            : ", " + job.searchTrials() + " trials per study");
    double budget = 0;
    for (int s = 0; s < job.studies().size(); s++) {
      StudySpec st = job.studies().get(s);
      long trials = job.trials(s);
      int maxIt = job.trial(s, 0).setup().stopping().maxIterations();
      budget += job.adaptive() ? job.plans().get(s).iterationsContinued()
          : (double) trials * job.replicates() * maxIt;
      out.printf("%nstudy %s: objective %s, solver %s, start %s%n", st.name(), st.objective(), st.solver(),
          st.start().describe());
      out.printf("  %-28s %s%n", "parameter", "domain");
      for (Map.Entry<String, Domain> e : st.space().domains().entrySet()) {
        out.printf("  %-28s %s%n", e.getKey(), e.getValue().describe());
      }
      for (Map.Entry<String, Object> e : st.base().entrySet()) {
        out.printf("  %-28s fixed %s%n", e.getKey(), e.getValue());
      }
      if (job.adaptive()) {
        // Rung i of a bracket: settings x iterations (x replicates where they grow).
        out.printf("  %s%n", job.plans().get(s).toString().replace("\n", "\n  "));
      } else {
        out.printf("  trials %,d x replicates %d = %,d solves, up to %,d iterations each%n", trials,
            job.replicates(), trials * job.replicates(), maxIt);
      }
    }
    out.printf("%ntotal: %,d trials, %,d solves, iteration budget %.3g%n", job.totalTrials(), job.totalSolves(), budget);
    if (job.targets().distances().length + job.targets().gaps().length > 0) {
      out.printf("targets: " + (job.targets().relative() ? "relative " : "") + "distance %s, value gap %s (headline: the first of each)%n",
          java.util.Arrays.toString(job.targets().distances()), java.util.Arrays.toString(job.targets().gaps()));
    }
  }
}
