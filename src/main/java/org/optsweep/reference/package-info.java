/**
 * The reference optimum each run is measured against, and how good it is.
 *
 * <p>A {@link org.optsweep.reference.Reference} is x* and f* with a {@link org.optsweep.reference.Kind}:
 * {@code exact} (closed form or published: ridge by QR/SVD, the test functions, group_sparse at λ = 0),
 * {@code spark_ml} (Spark MLlib's trainer, certified by its KKT residual), {@code polished} (MLlib's answer
 * polished by Newton steps on its support to the KKT target) or {@code best_known} (non-convex: the best of a
 * documented multi-start). Where the minimiser is not unique x* is {@code null} and
 * {@link org.optsweep.reference.Reference#note()} says why; distances are then null with that reason, gaps
 * are still measured. The kinds are never mixed silently: every reference, and so every run measured
 * against it, carries exactly one.
 *
 * <h2>Certification</h2>
 * For the convex penalised GLMs ({@code elastic_net}, {@code logistic}) the certificate is the KKT residual
 * ({@link org.optsweep.reference.compute.Kkt}): the ∞-norm of the minimum-norm subgradient, 0 exactly at the optimum,
 * target 1e-9 by default. {@link org.optsweep.reference.compute.MllibReferences} maps optsweep's (λ, α) onto MLlib's
 * (regParam, elasticNetParam) — for least squares regParam = λ(α + (1−α)σ_y), elasticNetParam = λα/regParam
 * with σ_y the sample std of y; for logistic the identity — fits, checks the residual, polishes if needed
 * and refuses ({@link org.optsweep.reference.ReferenceException}) if even polishing misses the target.
 *
 * <h2>Measured (MllibReferencesTest, against the independent optima of regularized.json)</h2>
 * MLlib alone (tol 1e-12): diabetes in original units, lasso at 6 λ and α = 0.5 with and without intercept:
 * 0 – 463 iterations, 1.2 – 24.5 s per fit on this 2-core host (each iteration is a Spark job), rel_w ≤ 5.8e-6,
 * KKT 1e-11 (λ_max) and 8.8e-6 … 3.6e-4 otherwise — short of 1e-9 in every case but λ_max, so POLISHED by 2–3
 * Newton steps to KKT 8.5e-13 … 6.6e-12, rel_w ≤ 9.4e-15, |rel_f| ≤ 1.1e-15. Standardised breast cancer,
 * L1-logistic at 6 λ and α = 0.5 at 2 λ: 0 – 1 048 iterations (0.4 – 37 s), rel_w ≤ 2.8e-5, KKT 4e-9 … 2.7e-8
 * (1.1e-16 at λ_max: SPARK_ML), POLISHED by 3–4 Newton steps to KKT ≤ 3.2e-17, rel_w ≤ 3e-14. The mapping at
 * α = 0.5: MLlib's objective history ends at F/σ_y² (least squares, to 1e-15) and at F (logistic); the naive
 * map (regParam = λ) misses the least-squares optimum by rel_w 1.6.
 *
 * <h2>Non-convex objectives</h2>
 * {@link org.optsweep.reference.compute.MultiStart}: L-BFGS from the job's start and K seeded uniform starts in a
 * box, the best value found, x* unless starts reaching it end apart (or a known symmetry: the autoencoder's
 * permutations of hidden units). For the seed's group_sparse job (X 20 × 3, data_seed 1) the best-known point
 * at λ = 0.01 … 1 is B = I with f* = 3λ, reached by all 21 starts.
 *
 * <h2>Driver protocol</h2>
 * <ol>
 *   <li>On the driver, for each distinct objective setting: build the objective (this loads its data through
 *       {@link org.optsweep.objective.DataSets}; LIBSVM needs the active session) and call
 *       {@link org.optsweep.reference.compute.ReferenceStage#ensure}, which computes and registers its reference once
 *       per {@link org.optsweep.reference.ReferenceKey}.</li>
 *   <li>Ship {@link org.optsweep.reference.References#all()} and
 *       {@link org.optsweep.objective.DataSets#registered()} to the executors (broadcast); {@code references/}
 *       is {@code References.all()}, one row each.</li>
 *   <li>In each task, before building objectives: {@link org.optsweep.reference.References#registerAll} and
 *       {@link org.optsweep.objective.DataSets#registerAll} (no-ops in local mode, same JVM).</li>
 *   <li>Objectives built afterwards measure against their reference: {@code minimiser()}, {@code minimum()},
 *       and {@code reference()} for the kind and the reason a distance is null.</li>
 * </ol>
 */
package org.optsweep.reference;
