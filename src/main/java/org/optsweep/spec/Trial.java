package org.optsweep.spec;

import java.util.Map;

/**
 * One point of a study's parameter space, decoded from its index on whichever machine runs it.
 *
 * @param study  the study
 * @param index  the trial index within the study
 * @param values the swept values, qualified key → raw value
 * @param setup  the validated solve configuration (fixed and swept settings merged)
 */
public record Trial(StudySpec study, long index, Map<String, Object> values, SolveSetup setup) {}
