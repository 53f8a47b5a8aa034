package dev.switchboard;

import dev.switchboard.config.Transport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.time.Duration;

/**
 * The Vert.x instance whose event loops run the gateway, on the transport {@code server.transport}
 * asks for: Netty's epoll where the platform has it (Linux; NIO elsewhere), which costs fewer
 * system calls and less garbage per request than NIO (peers.sh, 64 connections: +13 to 35 % req/s),
 * or io_uring (see {@link Transport}).
 */
final class EventLoops {
  private static final System.Logger LOG = System.getLogger("switchboard");

  // Netty's io_uring waits count as I/O wait unless told otherwise: beside an idle gateway, top
  // showed 99 % iowait without this and none with it.
  private static final String NO_IO_WAIT = "io.netty.iouring.enterNoIoWaitEnabled";

  private EventLoops() {}

  /**
   * A Vert.x instance on {@code wanted}, whose idle event loops poll for {@code busyPoll} before
   * they block (zero: they block at once, as Netty's do).
   */
  static Vertx open(Transport wanted, Duration busyPoll) {
    if (wanted == Transport.NATIVE && busyPoll.isZero()) { // the default: as Vert.x picks it
      return Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    }
    if (wanted == Transport.IO_URING && System.getProperty(NO_IO_WAIT) == null) {
      System.setProperty(NO_IO_WAIT, "true");
    }
    io.vertx.core.transport.Transport chosen = chosen(wanted);
    return Vertx.builder()
        .withTransport(busyPoll.isZero() ? chosen : BusyPolling.around(chosen, busyPoll))
        .build();
  }

  /** io_uring when wanted and allowed, else the platform's native transport, else NIO. */
  private static io.vertx.core.transport.Transport chosen(Transport wanted) {
    io.vertx.core.transport.Transport uring = io.vertx.core.transport.Transport.IO_URING;
    if (wanted == Transport.IO_URING) {
      if (uring.available()) {
        return uring;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "server.transport is io_uring, which this machine refuses ({0}): running on native",
          uring.unavailabilityCause());
    }
    io.vertx.core.transport.Transport platform =
        io.vertx.core.transport.Transport.nativeTransport();
    return platform != null && platform.available()
        ? platform
        : io.vertx.core.transport.Transport.NIO;
  }

  /** Which transport {@code vertx}'s event loops run on. */
  static Transport of(Vertx vertx) {
    return BusyPolling.unwrapped(((VertxInternal) vertx).transport())
            == io.vertx.core.transport.Transport.IO_URING.implementation()
        ? Transport.IO_URING
        : Transport.NATIVE;
  }
}
