/**
 * Redaction: replaces each finding of the detectors with a typed placeholder ({@code <EMAIL_1>}) in
 * the canonical request and in the client's original body, changing text only, and restores the
 * original values wherever the model echoes a placeholder, in whole answers and in streams split
 * anywhere. Depends only on wire and policy.detect.
 */
@NullMarked
package dev.switchboard.policy.redact;

import org.jspecify.annotations.NullMarked;
