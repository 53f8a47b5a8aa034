package dev.switchboard.attempt;

/**
 * Observes every attempt as it ends. Called on the request's event loop: implementations must be
 * thread-safe (several loops call at once) and never block.
 */
@FunctionalInterface
public interface AttemptListener {
  AttemptListener NONE = attempt -> {};

  void ended(Attempt attempt);

  /** Both listeners, this one first. */
  default AttemptListener andThen(AttemptListener next) {
    return attempt -> {
      ended(attempt);
      next.ended(attempt);
    };
  }
}
