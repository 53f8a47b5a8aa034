package dev.switchboard.policy.redact;

import dev.switchboard.wire.ChatRequest;

/**
 * A redacted request, the {@link Restorer} that puts the original values back into its answers, and
 * the number of placeholders written into the canonical request (findings and further occurrences
 * of their values).
 */
public record Redaction(ChatRequest request, Restorer restorer, int replaced) {}
