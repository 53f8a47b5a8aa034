package dev.switchboard.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One key's local buckets: requests per minute and tokens per minute, each refilled greedily over a
 * minute. The monitor makes "take a request, then its tokens, or neither" one step, so a refusal by
 * the token limit never costs the key a request. A change of the key's limits reconfigures the
 * buckets in place, keeping what the current minute already used.
 */
final class KeyBuckets {
  private final TimeMeter clock;
  private @Nullable Bucket requests;
  private long requestLimit;
  private @Nullable Bucket tokens;
  private long tokenLimit;

  KeyBuckets(TimeMeter clock) {
    this.clock = clock;
  }

  /** Takes one request and {@code tokensToTake}; on refusal takes nothing and says why. */
  synchronized @Nullable RateLimited consume(
      KeyLimits limits, long tokensToTake, List<LimitState> seen) {
    adopt(limits);
    ConsumptionProbe request = null;
    if (requests != null) {
      request = requests.tryConsumeAndReturnRemaining(1);
      if (!request.isConsumed()) {
        return refusal(LimitKind.REQUESTS, requestLimit, request, seen);
      }
    }
    if (tokens != null) {
      ConsumptionProbe taken = tokens.tryConsumeAndReturnRemaining(tokensToTake);
      if (!taken.isConsumed()) {
        if (requests != null) {
          requests.addTokens(1);
        }
        return refusal(LimitKind.TOKENS, tokenLimit, taken, seen);
      }
      seen.add(state(LimitKind.TOKENS, tokenLimit, taken));
    }
    if (request != null) {
      seen.add(state(LimitKind.REQUESTS, requestLimit, request));
    }
    return null;
  }

  /**
   * Moves the token bucket by what a request used beyond what it took: a refund when it used less,
   * a debt (below zero if need be) when it used more.
   */
  synchronized void correctTokens(long delta) {
    if (tokens == null || delta == 0) {
      return;
    }
    if (delta < 0) {
      tokens.addTokens(-delta);
    } else {
      tokens.consumeIgnoringRateLimits(delta);
    }
  }

  private void adopt(KeyLimits limits) {
    requests =
        adopt(
            requests,
            requestLimit,
            limits.rpm().isPresent()
                ? OptionalLong.of(limits.rpm().getAsInt())
                : OptionalLong.empty());
    requestLimit = limits.rpm().orElse(0);
    tokens = adopt(tokens, tokenLimit, limits.tpm());
    tokenLimit = limits.tpm().orElse(0);
  }

  private @Nullable Bucket adopt(@Nullable Bucket bucket, long current, OptionalLong wanted) {
    if (wanted.isEmpty()) {
      return null;
    }
    long perMinute = wanted.getAsLong();
    if (bucket == null) {
      return Bucket.builder().addLimit(perMinute(perMinute)).withCustomTimePrecision(clock).build();
    }
    if (current != perMinute) {
      bucket.replaceConfiguration(
          BucketConfiguration.builder().addLimit(perMinute(perMinute)).build(),
          TokensInheritanceStrategy.ADDITIVE);
    }
    return bucket;
  }

  static Bandwidth perMinute(long amount) {
    return Bandwidth.builder().capacity(amount).refillGreedy(amount, Duration.ofMinutes(1)).build();
  }

  static LimitState state(LimitKind kind, long limit, ConsumptionProbe probe) {
    return LimitState.timed(
        kind, limit, probe.getRemainingTokens(), probe.getNanosToWaitForReset());
  }

  /** Turns a refused probe into the 429 it becomes. */
  static RateLimited refusal(
      LimitKind kind, long limit, ConsumptionProbe probe, List<LimitState> others) {
    return RateLimitHeaders.refusal(
        state(kind, limit, probe), Duration.ofNanos(probe.getNanosToWaitForRefill()), others);
  }
}
