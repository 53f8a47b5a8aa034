package dev.switchboard.cli;

import java.util.concurrent.CountDownLatch;

/**
 * How the long-running commands end: on SIGTERM or Ctrl-C they close their resources in order. A
 * gateway closes gracefully (open streams finish, every row is committed); nothing here may wait on
 * a thread that the shutdown has already stopped.
 */
final class Shutdown {
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Shutdown() {}

  /**
   * Closes {@code resources} in the given order when the JVM is asked to stop. Call it before
   * telling the user the command is ready, so a signal sent at once still closes them.
   */
  static Shutdown onSignal(AutoCloseable... resources) {
    Shutdown shutdown = new Shutdown();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeAll(resources);
                  shutdown.stopped.countDown();
                },
                "switchboard-shutdown"));
    return shutdown;
  }

  /** Blocks until the resources are closed. */
  void await() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes every resource even if one fails; the JVM is going down, so failures stay quiet. */
  static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        // Keep closing the rest.
      }
    }
  }
}
