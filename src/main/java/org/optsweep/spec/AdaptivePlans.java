package org.optsweep.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optsweep.InputException;
import org.optsweep.param.InvalidParameterException;
import org.optsweep.param.Settings;
import org.optsweep.search.AdaptiveSearch;
import org.optsweep.search.RankingMetric;
import org.optsweep.search.RungPlan;
import org.optsweep.search.SearchMethod;

/**
 * The {@code search} knobs of successive halving and Hyperband, checked and turned into each study's
 * {@link RungPlan}. R, the largest rung's budget, is the study's {@code stopping.max_iterations}, which must
 * therefore be one number per study, not swept.
 */
final class AdaptivePlans {
  private AdaptivePlans() {}

  /** The knobs only an adaptive search reads. */
  static final List<String> KNOBS = List.of(Sections.METRIC.name(), RungPlan.MIN_ITERATIONS.name(),
      RungPlan.ETA.name(), RungPlan.BRACKETS.name(), RungPlan.REPLICATE_GROWTH.name());

  /** Refuses adaptive knobs under another method, and a missing metric under an adaptive one. */
  static void checkKnobs(SearchMethod method, Yaml.Node searchNode, Problems problems) {
    Map<String, Yaml.Node> given = searchNode != null && searchNode.isMap() ? searchNode.map() : Map.of();
    if (!method.adaptive()) {
      for (String k : KNOBS) {
        if (given.containsKey(k)) {
          problems.add(given.get(k), "search." + k, given.get(k).text(), "no " + k + " for " + method.name()
              + " search (it is a knob of successive_halving and hyperband)");
        }
      }
    } else if (!given.containsKey(Sections.METRIC.name())) {
      problems.add(searchNode, "search.metric", null, "what " + method.name() + " ranks a rung's settings by: one of "
          + String.join(", ", RankingMetric.keys()));
    }
  }

  /** The job with its studies' plans, or {@code job} itself for a method that runs no rungs. */
  static JobSpec plan(JobSpec job, Settings search, Yaml.Node searchNode, Problems problems) {
    if (!(job.search() instanceof AdaptiveSearch method)) {
      return job;
    }
    List<RungPlan> plans = new ArrayList<>();
    for (int s = 0; s < job.studies().size(); s++) {
      StudySpec st = job.studies().get(s);
      String swept = st.space().domains().keySet().stream()
          .filter(k -> k.equals("max_iterations") || k.equals("stopping.max_iterations")).findFirst().orElse(null);
      if (swept != null) {
        problems.add(searchNode, "studies[" + s + "].parameters." + swept, null, "a fixed stopping.max_iterations for "
            + method.name() + " (it is the largest rung's budget R); sweep the other settings");
        continue;
      }
      int maxIterations;
      try {
        var setup = job.trial(s, 0).setup();
        if (!setup.solver().continuable()) {
          problems.add(searchNode, "studies[" + s + "].solver", st.solver(), "a solver that can pause and continue a"
              + " solve for " + method.name() + " (every built-in one can; this one does not say it can)");
          continue;
        }
        maxIterations = setup.stopping().maxIterations();
      } catch (InputException e) {
        continue; // the trial checker reports the setting
      }
      try {
        plans.add(method.plan(maxIterations, search.get(RungPlan.MIN_ITERATIONS), search.get(RungPlan.ETA),
            search.get(RungPlan.BRACKETS), job.searchTrials(), job.replicates(), search.get(RungPlan.REPLICATE_GROWTH)));
      } catch (InvalidParameterException e) {
        Yaml.Node at = searchNode != null && searchNode.isMap() ? searchNode.map().get(e.parameter()) : null;
        problems.add(at != null ? at : searchNode, e.owner() + "." + e.parameter(), String.valueOf(e.value()),
            e.expected() + (job.studies().size() > 1 ? " (study " + st.name() + ")" : ""));
      }
    }
    problems.throwIfAny();
    return job.withPlans(plans, RankingMetric.of(search.get(Sections.METRIC)));
  }
}
