/**
 * Measures the detectors on a labelled corpus: precision, recall and F2 per finding type, false
 * positives on texts that carry nothing, and checksum-invalid look-alikes accepted. Used by {@code
 * switchboard policy eval FILE} and by the test that holds the detectors to their targets. Depends
 * on policy.detect and the wire JSON facade only.
 */
@NullMarked
package dev.switchboard.policy.eval;

import org.jspecify.annotations.NullMarked;
