package org.optsweep.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optsweep.output.Ranking;
import org.optsweep.output.SolveRecord;
import org.optsweep.output.Table;
import org.optsweep.output.Tables;
import org.optsweep.output.TrialStats;
import org.optsweep.spec.JobSpec;

/**
 * The best settings of each stage and study as the tasks report them: the search's top ones are what
 * the confirmation re-runs, and the confirmed ones, ranked by their fresh estimate, are the answer.
 * The ranking is a total order (ties broken by study and trial), so the selection is the same
 * however the trials were split into tasks, and after a resume.
 */
final class Stages {
  private final Table<TrialStats> summary;
  private final int keep;
  private final int stageColumn;
  private final int studyColumn;
  private final int trialColumn;
  private final Map<String, Map<String, Ranking.Best>> best = new LinkedHashMap<>();

  Stages(Tables tables, int keep) {
    this.summary = tables.summary();
    this.keep = keep;
    this.stageColumn = summary.index("stage");
    this.studyColumn = summary.index("study");
    this.trialColumn = summary.index("trial");
  }

  /** The stages of a resumed run, from what it read back. */
  static Stages of(Resumed r, Tables tables, int keep) {
    Stages s = new Stages(tables, keep);
    r.best().values().forEach(byStudy -> byStudy.values().forEach(rows -> rows.forEach(s::offer)));
    return s;
  }

  /** A summary row a task kept among its best. */
  void offer(Object[] row) {
    best.computeIfAbsent((String) row[stageColumn], s -> new LinkedHashMap<>())
        .computeIfAbsent((String) row[studyColumn], s -> new Ranking.Best(summary, keep)).offer(row);
  }

  /** The confirmation's work: each study's best {@link JobSpec#confirmedTrials} search settings, in rank order. */
  ChunkTask.Work confirmation(JobSpec job) {
    List<Integer> studies = new ArrayList<>();
    List<Long> trials = new ArrayList<>();
    Map<String, Ranking.Best> search = best.getOrDefault(SolveRecord.SEARCH, Map.of());
    for (int s = 0; s < job.studies().size(); s++) {
      Ranking.Best b = search.get(job.studies().get(s).name());
      List<Object[]> rows = b == null ? List.of() : b.sorted();
      for (int k = 0; k < Math.min(rows.size(), job.confirmedTrials(s)); k++) {
        studies.add(s);
        trials.add(((Number) rows.get(k)[trialColumn]).longValue());
      }
    }
    return ChunkTask.Work.confirm(job.chunks(), studies.stream().mapToInt(Integer::intValue).toArray(),
        trials.stream().mapToLong(Long::longValue).toArray());
  }

  /** The best {@code n} rows of a stage over all studies. */
  List<Object[]> top(int n, boolean confirm) {
    Ranking.Best all = new Ranking.Best(summary, n);
    best.getOrDefault(confirm ? SolveRecord.CONFIRM : SolveRecord.SEARCH, Map.of()).values()
        .forEach(b -> b.sorted().forEach(all::offer));
    return all.sorted();
  }

  /** The search-stage rows kept, by "study/trial" (the search estimate beside a confirmed one). */
  Map<String, Object[]> searchRows() {
    Map<String, Object[]> out = new LinkedHashMap<>();
    best.getOrDefault(SolveRecord.SEARCH, Map.of()).values().forEach(b -> b.sorted().forEach(r ->
        out.put(r[studyColumn] + "/" + r[trialColumn], r)));
    return out;
  }
}
