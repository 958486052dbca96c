/**
 * Gradients: analytic, central or forward differences (allocation-free, counted per solve), and the
 * gradient check that compares them and catches objectives that ignore their input.
 */
package org.optsweep.gradient;
