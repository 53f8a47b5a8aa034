package dev.switchboard.wire;

/** The provider reported an error inside a stream it had already begun. */
public final class UpstreamStreamError extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient UpstreamFailure failure;

  public UpstreamStreamError(UpstreamFailure failure) {
    super(failure.detail(), null, false, false);
    this.failure = failure;
  }

  public UpstreamFailure failure() {
    return failure;
  }
}
