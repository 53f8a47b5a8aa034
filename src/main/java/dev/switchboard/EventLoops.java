package dev.switchboard;

import dev.switchboard.config.Transport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;

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

  static Vertx open(Transport wanted) {
    if (wanted == Transport.IO_URING) {
      if (System.getProperty(NO_IO_WAIT) == null) {
        System.setProperty(NO_IO_WAIT, "true");
      }
      io.vertx.core.transport.Transport uring = io.vertx.core.transport.Transport.IO_URING;
      if (uring.available()) {
        return Vertx.builder().withTransport(uring).build();
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "server.transport is io_uring, which this machine refuses ({0}): running on native",
          uring.unavailabilityCause());
    }
    return Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
  }

  /** Which transport {@code vertx}'s event loops run on. */
  static Transport of(Vertx vertx) {
    return ((VertxInternal) vertx).transport()
            == io.vertx.core.transport.Transport.IO_URING.implementation()
        ? Transport.IO_URING
        : Transport.NATIVE;
  }
}
