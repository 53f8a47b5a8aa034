package dev.switchboard.ledger;

import dev.switchboard.attempt.Attempt;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Builds ledger rows for tests. */
public final class UsageRecords {
  public static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");

  private UsageRecords() {}

  /** A successful, non-streamed row for model "m" with 10 prompt and 5 completion tokens. */
  public static UsageRecord row(String id, String keyId, long costMicros) {
    return served(id, keyId, "m", T0, 10, 5, costMicros);
  }

  public static UsageRecord served(
      String id, String keyId, String model, Instant at, long prompt, long completion, long cost) {
    return new UsageRecord(
        id,
        at,
        keyId,
        model,
        Optional.of(model),
        Optional.of("prov"),
        prompt,
        completion,
        0,
        0,
        0,
        0,
        false,
        cost,
        120,
        OptionalLong.empty(),
        false,
        200,
        Optional.empty(),
        Optional.empty());
  }

  public static UsageRecord failed(String id, String model, Instant at, int status, String error) {
    return new UsageRecord(
        id,
        at,
        "key_test",
        model,
        Optional.of(model),
        Optional.of("prov"),
        7,
        3,
        0,
        0,
        0,
        0,
        true,
        0,
        50,
        OptionalLong.of(20),
        true,
        status,
        Optional.of(error),
        Optional.empty());
  }

  /**
   * Attempt {@code number} of generation {@code id} at {@code provider} ("m@provider"): a failure
   * with no response when {@code status} is 0, else an answer with that status (an error code
   * unless 2xx).
   */
  public static Attempt attempt(String id, int number, String provider, int status) {
    boolean ok = status / 100 == 2;
    return new Attempt(
        id,
        number,
        provider,
        "m",
        ok ? Attempt.Outcome.OK : Attempt.Outcome.PROVIDER_FAULT,
        status,
        ok ? Optional.empty() : Optional.of(status == 0 ? "connect_failed" : "upstream_failed"),
        T0.plusMillis(number * 1_000L),
        100L * number,
        ok ? OptionalLong.of(40) : OptionalLong.empty(),
        ok ? 2_048 : 0,
        ok ? 5 : 0);
  }
}
