package dev.switchboard.sim;

/** A request the sim refuses before answering; carries the OpenAI error to send back. */
final class SimRejection extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient SimError error;

  SimRejection(SimError error) {
    super(error.message(), null, false, false);
    this.error = error;
  }

  SimError error() {
    return error;
  }
}
