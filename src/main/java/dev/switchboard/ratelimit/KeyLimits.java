package dev.switchboard.ratelimit;

import dev.switchboard.account.ApiKey;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The rate limits a key's rules set: requests and tokens per minute, concurrent requests. */
record KeyLimits(OptionalInt rpm, OptionalLong tpm, OptionalInt concurrency) {

  /**
   * Bucket4j refills at most one token a nanosecond; a limit above that is no limit in practice,
   * and is held there rather than refused by Bucket4j.
   */
  static final long MOST_TOKENS_PER_MINUTE = 60_000_000_000L;

  static KeyLimits of(ApiKey key) {
    OptionalLong tpm = key.rules().tpm();
    return new KeyLimits(
        key.rules().rpm(),
        tpm.isPresent() ? OptionalLong.of(Math.min(tpm.getAsLong(), MOST_TOKENS_PER_MINUTE)) : tpm,
        key.rules().concurrency());
  }

  /** No limit set: the request never touches a bucket or Redis. */
  boolean none() {
    return rpm.isEmpty() && tpm.isEmpty() && concurrency.isEmpty();
  }

  /**
   * The tokens a request reserving {@code reservedTokens} takes from the per-minute bucket: at
   * least one (every request has a token), never more than a whole minute's allowance, so a request
   * larger than the limit is admitted when the bucket is full (its correction at release then
   * leaves the bucket in debt, which later requests wait out) instead of never.
   */
  long tokensToTake(long reservedTokens) {
    return tpm.isPresent() ? Math.clamp(reservedTokens, 1, tpm.getAsLong()) : 0;
  }
}
