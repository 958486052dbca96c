package org.optsweep.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Names;
import org.optsweep.param.Param;
import org.optsweep.param.Settings;
import org.optsweep.search.SearchMethod;

/**
 * The job-level sections of a job file — search, replicates, targets, trace, execution, limits — each
 * declared once as typed parameters with their defaults and ranges, exactly as a solver's parameters
 * are: the parser checks them by these declarations and {@code optsweep list sections} prints them.
 */
public final class Sections {
  private Sections() {}

  /**
   * One section: its key in the job file, what it is for, and its parameters.
   *
   * @param name   the key ({@code replicates})
   * @param doc    one line
   * @param params the settings it holds
   */
  public record Section(String name, String doc, List<Param<?>> params) {}

  /** search.method: grid, random or sobol; default grid. */
  public static final Param<String> METHOD = Param.choice("method", "grid",
      SearchMethod.all().stream().map(SearchMethod::name).toList(),
      "grid: the product of the values lists; random: independent draws; sobol: a scrambled Sobol sequence;"
          + " successive_halving, hyperband: random draws run in rungs, the best 1/eta continued eta times longer"
          + " (Jamieson & Talwalkar 2016; Li et al. 2018)");
  /** search.trials: trials per study for random and Sobol search (not for grid). */
  public static final Param<Long> TRIALS = Param.whole("trials", 0, 1, Long.MAX_VALUE / 1024,
      "trials per study (random and sobol; a grid's size is the product of its values lists); successive_halving:"
          + " its settings (default eta^s_max); hyperband: at least this many settings, in repeated iterations of"
          + " its brackets (default one iteration)");
  /** replicates.count: solves per setting, from perturbed starts; default 1. */
  public static final Param<Integer> COUNT = Param.integer("count", 1, 1, 1_000_000,
      "solves per setting, each from its own start point");
  /** replicates.start_jitter: half-width of the box each replicate's start is drawn from; default 0. */
  public static final Param<Double> START_JITTER = Param.real("start_jitter", 0, 0, Double.MAX_VALUE,
      "half-width of the box around the start point each replicate's start is drawn from (same units as x)");
  /** replicates.exact_first: replicate 0 starts exactly at the start point; default true. */
  public static final Param<Boolean> EXACT_FIRST = Param.flag("exact_first", true,
      "replicate 0 starts exactly at the start point");
  /** targets.distance: thresholds on ‖x − x*‖₂; the first is the headline. */
  public static final Param<double[]> DISTANCE = Param.reals("distance", new double[0], 0, Double.MAX_VALUE,
      "thresholds on ||x - x*||; the first is the headline target");
  /** targets.relative_distance: thresholds on ‖x − x*‖ / max(‖x*‖, 1), instead of distance. */
  public static final Param<double[]> RELATIVE_DISTANCE = Param.reals("relative_distance", new double[0], 0,
      Double.MAX_VALUE, "instead of distance: thresholds on ||x - x*|| / max(||x*||, 1), for optima of different"
          + " scales (a lambda path); the first is the headline target");
  /** targets.value_gap: thresholds on f(x) − f*; the first is the headline. */
  public static final Param<double[]> VALUE_GAP = Param.reals("value_gap", new double[0], 0, Double.MAX_VALUE,
      "thresholds on f(x) - f*; the first is the headline target");
  /** trace.points: log-spaced trace samples per solve; 0 = none (default). */
  public static final Param<Integer> POINTS = Param.integer("points", 0, 0, 10_000,
      "log-spaced samples of f, distance, ||grad f|| and ||step|| per solve; 0 = none, else at least 2");
  /** trace.replicates: how many replicates of each setting record a trace; default 1. */
  public static final Param<Integer> TRACE_REPLICATES = Param.integer("replicates", 1, 0, 1_000_000,
      "how many replicates of each setting record a trace");
  /** execution.tasks_per_core: Spark tasks per core; default 4. */
  public static final Param<Integer> TASKS_PER_CORE = Param.integer("tasks_per_core", 4, 1, 10_000,
      "Spark tasks per core (more tasks balance uneven solve times)");
  /** execution.trials_per_chunk: trials per chunk, the unit of commit and --resume; default 250,000. */
  public static final Param<Long> TRIALS_PER_CHUNK = Param.whole("trials_per_chunk", 250_000, 1,
      Long.MAX_VALUE / 2, "trials per chunk: a chunk is one Spark job, committed as a whole (the unit of --resume)");
  /** limits.data_file_mb: largest data file read, in MiB; default 1024. */
  public static final Param<Integer> DATA_FILE_MB = Param.integer("data_file_mb", 1024, 1, 1 << 20,
      "largest data file read, in MiB (checked before reading)");

  /** check.gradient: check each objective setting's gradient before any trial; default false. */
  public static final Param<Boolean> CHECK_GRADIENT = Param.flag("gradient", false,
      "before any trial, check each objective setting's analytic gradient against central differences and that f"
          + " reads every coordinate (as optsweep check); a failure refuses the job");
  /** check.points: random points per objective setting; default 5. */
  public static final Param<Integer> CHECK_POINTS = Param.integer("points", 5, 1, 10_000,
      "random points per objective setting, drawn from the start box (or the start +- max(1, jitter))");
  /** check.tolerance: the largest relative gradient error accepted; default 1e-5. */
  public static final Param<Double> CHECK_TOLERANCE = Param.positive("tolerance", 1e-5,
      "largest relative error between the analytic and the central-difference gradient");

  /** confirmation.enabled: re-run the best settings on fresh starts; default true. */
  public static final Param<Boolean> CONFIRM = Param.flag("enabled", true,
      "after the search, re-run each study's best settings on fresh starts (the winner's curse: the best of many"
          + " settings scored on few replicates is mostly the luckiest)");
  /** confirmation.top: how many of each study's best settings are confirmed; default 20. */
  public static final Param<Integer> CONFIRM_TOP = Param.integer("top", 20, 1, 10_000,
      "the best settings of each study, by the search's ranking, that are re-run");
  /** confirmation.replicates: fresh replicates per confirmed setting; default 100. */
  public static final Param<Integer> CONFIRM_REPLICATES = Param.integer("replicates", 100, 1, 1_000_000,
      "fresh replicates per confirmed setting, started from a stream independent of the search's");

  /**
   * search.metric: what successive halving and Hyperband rank a rung's settings by (required for them): the median
   * value gap or distance over replicates at the rung's budget, or the share of replicates that met the targets.
   */
  public static final Param<String> METRIC = Param.choice("metric", "value_gap",
      org.optsweep.search.RankingMetric.keys(),
      "successive_halving and hyperband (required): what a rung ranks its settings by at its budget:"
          + " median value_gap or distance over the replicates (lower first), or success (share of replicates that"
          + " met the headline targets, higher first); ties go to the lower trial");

  public static final Section SEARCH = new Section("search", "how the trials of each study are chosen",
      List.of(METHOD, TRIALS, METRIC, org.optsweep.search.RungPlan.MIN_ITERATIONS, org.optsweep.search.RungPlan.ETA,
          org.optsweep.search.RungPlan.BRACKETS, org.optsweep.search.RungPlan.REPLICATE_GROWTH));
  public static final Section REPLICATES = new Section("replicates", "solves per setting and their start points",
      List.of(COUNT, START_JITTER, EXACT_FIRST));
  public static final Section TARGETS = new Section("targets", "what counts as reaching the optimum",
      List.of(DISTANCE, RELATIVE_DISTANCE, VALUE_GAP));
  public static final Section TRACE = new Section("trace", "sampled convergence curves (traces/)",
      List.of(POINTS, TRACE_REPLICATES));
  public static final Section EXECUTION = new Section("execution", "how the trials are split into Spark work",
      List.of(TASKS_PER_CORE, TRIALS_PER_CHUNK));
  public static final Section CONFIRMATION = new Section("confirmation", "the best settings re-run on fresh starts",
      List.of(CONFIRM, CONFIRM_TOP, CONFIRM_REPLICATES));
  public static final Section CHECK = new Section("check", "checks of the objectives before any trial",
      List.of(CHECK_GRADIENT, CHECK_POINTS, CHECK_TOLERANCE));
  public static final Section LIMITS = new Section("limits", "bounds on what a job may read",
      List.of(DATA_FILE_MB));

  /** Every job-level section, in the order {@code optsweep list sections} shows them. */
  public static List<Section> all() {
    return List.of(SEARCH, REPLICATES, TARGETS, CONFIRMATION, TRACE, EXECUTION, CHECK, LIMITS);
  }

  /**
   * Reads section {@code s} from {@code node} (null: absent, all defaults). Unknown keys and bad
   * values are added to {@code problems} at their positions; what is valid is kept.
   */
  static Settings read(Section s, Yaml.Node node, Problems problems) {
    Map<String, Object> raw = new LinkedHashMap<>();
    if (node != null) {
      if (!node.isMap()) {
        problems.add(node, s.name(), node.text(), "a mapping with " + names(s));
        return Settings.defaults(s.name(), s.params());
      }
      for (Map.Entry<String, Yaml.Node> e : node.map().entrySet()) {
        Param<?> p = s.params().stream().filter(q -> q.name().equals(e.getKey())).findFirst().orElse(null);
        String path = s.name() + "." + e.getKey();
        if (p == null) {
          problems.add(e.getValue(), path, null, "a key of " + s.name() + Names.didYouMean(e.getKey(), names(s))
              + " (allowed: " + String.join(", ", names(s)) + ")");
          continue;
        }
        Yaml.Node v = e.getValue();
        if (p.type() == Param.Type.DOUBLE_ARRAY && v.isList()) {
          // Each threshold at its own position.
          boolean ok = true;
          for (int i = 0; i < v.list().size(); i++) {
            Yaml.Node item = v.list().get(i);
            try {
              p.coerce(s.name(), item.isList() ? item.plain() : java.util.List.of(item.plain() == null ? "" : item.plain()));
              if (item.isNull() || item.isList()) {
                throw new InvalidParameterException(s.name(), p.name(), item.plain(), "a number in " + p.rangeText());
              }
            } catch (InvalidParameterException x) {
              problems.add(item, path + "[" + i + "]", item.text(), x.expected().replace("a list of numbers",
                  "a number"));
              ok = false;
            }
          }
          if (!ok) {
            continue;
          }
        }
        try {
          raw.put(p.name(), p.coerce(s.name(), v.plain()));
        } catch (InvalidParameterException x) {
          problems.add(v, path, v.text(), x.expected());
        }
      }
    }
    return Settings.of(s.name(), s.params(), raw);
  }

  private static List<String> names(Section s) {
    List<String> out = new ArrayList<>();
    s.params().forEach(p -> out.add(p.name()));
    return out;
  }
}
