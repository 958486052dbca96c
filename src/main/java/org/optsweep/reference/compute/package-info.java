/**
 * How the reference optima of {@link org.optsweep.reference} are made: Spark MLlib's certified solutions for the
 * penalised GLMs ({@link org.optsweep.reference.compute.MllibReferences}), polished on their support
 * ({@link org.optsweep.reference.compute.SupportPolish}) until the KKT residual ({@link
 * org.optsweep.reference.compute.Kkt}) meets its target, and documented multi-starts for the non-convex losses
 * ({@link org.optsweep.reference.compute.MultiStart}). {@link org.optsweep.reference.compute.ReferenceStage} runs
 * them once per distinct objective setting on the driver. Kept apart from the value types so that objectives can
 * carry a reference without depending on the code that computes one.
 */
package org.optsweep.reference.compute;
