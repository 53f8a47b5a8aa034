package dev.switchboard.attempt;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One try of one deployment for one request, as it ended: the typed event that health tracking, the
 * ledger and the log all read. {@code number} counts from 1 within the request; {@code status} is
 * the provider's HTTP status (0 when no response came); {@code errorCode} is the failure's stable
 * code ({@code ErrorKind} code or a finer cause such as {@code context_length_exceeded}, {@code
 * first_token_timeout}), empty on success; {@code latencyMs} runs from the send to the end of the
 * attempt and {@code firstTokenMs} to its first content; {@code bytes} counts the response body
 * received; {@code outputTokens} is what the provider generated (0 when unknown).
 */
public record Attempt(
    String generationId,
    int number,
    String providerId,
    String modelId,
    Outcome outcome,
    int status,
    Optional<String> errorCode,
    Instant startedAt,
    long latencyMs,
    OptionalLong firstTokenMs,
    long bytes,
    long outputTokens) {

  /**
   * OK: it answered. PROVIDER_FAULT: the provider's own failure (5xx, connect, reset, timeout, a
   * malformed answer): counts against its health. RATE_LIMITED: 429 or overloaded. REJECTED: the
   * provider refused this request (400s: context length, content policy): says nothing of its
   * health. CANCELLED: the client left, or the gateway stopped the attempt.
   */
  public enum Outcome {
    OK,
    PROVIDER_FAULT,
    RATE_LIMITED,
    REJECTED,
    CANCELLED
  }

  /** The deployment's key, as {@code Deployment.key()} spells it: model@provider. */
  public String deploymentKey() {
    return modelId + "@" + providerId;
  }
}
