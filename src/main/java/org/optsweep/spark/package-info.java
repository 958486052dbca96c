/**
 * The Spark sweep: the driver ({@link org.optsweep.spark.SweepRunner}) that splits a job into chunks
 * and tasks, the executor side that decodes trials by index and streams solve rows, and the output
 * tables (runs/, traces/, summary/, references/ and for adaptive search rungs/ as Parquet, job.json).
 */
package org.optsweep.spark;
