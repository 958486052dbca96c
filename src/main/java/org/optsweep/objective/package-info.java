/**
 * Objectives f(x): the built-in test functions with published optima (Ackley, Rosenbrock, Rastrigin,
 * sphere, ill-conditioned quadratic), the data-driven losses from the seed questions (ridge regression
 * with its exact optimum by QR/SVD, the group-sparse reconstruction loss, a sparse autoencoder), the
 * penalised GLMs in glmnet's form ({@link org.optsweep.objective.ElasticNet} — the lasso at α = 1 — and
 * L1 / elastic-net {@link org.optsweep.objective.Logistic} regression, both {@link org.optsweep.objective.Glm}),
 * and the {@link org.optsweep.objective.ObjectiveProvider} service users implement for their own.
 *
 * <p>Objectives with an L1 term implement {@link org.optsweep.objective.Composite} (smooth part + L1 weight),
 * which proximal solvers and OWL-QN use; their {@code gradient} is a documented subgradient.
 *
 * <p>Data: CSV through {@link org.optsweep.objective.DataCache}; CSV, Parquet and LIBSVM for the GLMs through
 * {@link org.optsweep.objective.DataSets}, whose registry lets the driver hand executors the exact matrix it
 * loaded, and whose fingerprint (SHA-256 of shape and IEEE bits) keys the reference optima of
 * {@code org.optsweep.reference}. An objective's optimum is reported by {@code minimiser()}, {@code minimum()}
 * and, with its kind and the reason a minimiser is missing, {@code reference()}.
 */
package org.optsweep.objective;
