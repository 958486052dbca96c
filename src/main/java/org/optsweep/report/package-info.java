/**
 * The report of an output: derived tables computed with Spark from {@code runs/}, {@code traces/} and
 * {@code summary/} ({@link org.optsweep.report.Analysis}: runtime ECDFs, the fixed-budget view, binned
 * sensitivity and random-forest parameter importance, written as Parquet beside the results), and one
 * self-contained interactive HTML page ({@link org.optsweep.report.Report}, {@code optsweep report}).
 *
 * <p>Why a package of its own: the statistics are defined once in {@link org.optsweep.stats} (pure Java, on
 * arrays); this package only decides what goes into them, runs them where the rows are (the executors
 * aggregate, the driver receives at most a few thousand numbers per table), and draws them. References:
 * COCO's post-processing (Hansen et al., "COCO: Performance assessment", arXiv:1605.03560), IOHprofiler /
 * IOHanalyzer (Doerr et al., arXiv:1810.05281), Optuna's mean-decrease-impurity importance and dashboard.
 *
 * <p>Outputs are read as they are: a table or column an older or partial output lacks (the {@code stage}
 * column of a confirmation stage, interval columns, {@code references/}) is detected and the report does
 * without it, saying so where a reader would otherwise be misled.
 */
package org.optsweep.report;
