package dev.switchboard.cli;

import java.util.concurrent.CountDownLatch;

/**
 * How the long-running commands end: they block until SIGTERM or Ctrl-C, then close their resources
 * in order. A gateway closes gracefully (open streams finish, every row is committed); nothing here
 * may wait on a thread that the shutdown has already stopped.
 */
final class Shutdown {
  private Shutdown() {}

  /** Blocks until the JVM is asked to stop, then closes {@code resources} in the given order. */
  static void awaitSignal(AutoCloseable... resources) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  closeAll(resources);
                  stopped.countDown();
                },
                "switchboard-shutdown"));
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
