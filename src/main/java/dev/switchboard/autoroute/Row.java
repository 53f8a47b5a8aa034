package dev.switchboard.autoroute;

/** A training or evaluation prompt's features (unit embedding, lexical counts) and its labels. */
record Row(Example example, float[] embedding, double[] lexical) {}
