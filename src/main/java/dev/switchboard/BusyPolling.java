package dev.switchboard;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.spi.transport.Transport;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * {@code server.busy_poll}: an event loop with nothing to do keeps polling its sockets, without
 * blocking, for this long before it sleeps in the kernel. An answer that arrives within the window
 * is read at once instead of after a wake-up, which on the 2-core VM costs tens of microseconds of
 * latency and about as much CPU in context switches. The loop burns its core while it polls, so
 * this is for latency-bound deployments whose providers answer within the window; it is off by
 * default (README, "Performance").
 *
 * <p>Tasks queued by other threads end the window at once (the loop checks for them between polls);
 * a timer that falls due inside it fires at its end, at most the window late.
 */
final class BusyPolling {
  private BusyPolling() {}

  /** {@code transport} whose event loops poll for {@code window} before they block. */
  static io.vertx.core.transport.Transport around(
      io.vertx.core.transport.Transport transport, Duration window) {
    Transport polling = new PollingTransport(transport.implementation(), window.toNanos());
    return new io.vertx.core.transport.Transport() {
      @Override
      public String name() {
        return transport.name();
      }

      @Override
      public boolean available() {
        return transport.available();
      }

      @Override
      public Throwable unavailabilityCause() {
        return transport.unavailabilityCause();
      }

      @Override
      public Transport implementation() {
        return polling;
      }
    };
  }

  /** The transport {@code implementation} wraps, or itself. */
  static Transport unwrapped(Transport implementation) {
    return implementation instanceof PollingTransport p ? p.delegate : implementation;
  }

  /** An event loop's I/O that polls without blocking for a while before it blocks. */
  static final class PollingHandler implements IoHandler {
    private final IoHandler delegate;
    private final long windowNanos;
    // The loop passes the same context every time: its non-blocking view is made once.
    private @Nullable NonBlocking polling;

    PollingHandler(IoHandler delegate, long windowNanos) {
      this.delegate = delegate;
      this.windowNanos = windowNanos;
    }

    @Override
    public int run(IoHandlerContext context) {
      if (!context.canBlock()) {
        return delegate.run(context);
      }
      long until = System.nanoTime() + windowNanos;
      NonBlocking polling = this.polling;
      if (polling == null || polling.context() != context) {
        polling = new NonBlocking(context);
        this.polling = polling;
      }
      do {
        int handled = delegate.run(polling);
        if (handled > 0 || !context.canBlock()) {
          return handled;
        }
        Thread.onSpinWait();
      } while (System.nanoTime() - until < 0);
      return delegate.run(context);
    }

    @Override
    public void initialize() {
      delegate.initialize();
    }

    @Override
    public void prepareToDestroy() {
      delegate.prepareToDestroy();
    }

    @Override
    public void destroy() {
      delegate.destroy();
    }

    @Override
    public IoRegistration register(IoHandle handle) throws Exception {
      return delegate.register(handle);
    }

    @Override
    public void wakeup() {
      delegate.wakeup();
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
      return delegate.isCompatible(handleType);
    }
  }

  /** The loop's context, but it may not block: the I/O handler polls and returns. */
  private record NonBlocking(IoHandlerContext context) implements IoHandlerContext {
    @Override
    public boolean canBlock() {
      return false;
    }

    @Override
    public long delayNanos(long currentTimeNanos) {
      return context.delayNanos(currentTimeNanos);
    }

    @Override
    public long deadlineNanos() {
      return context.deadlineNanos();
    }

    @Override
    public void reportActiveIoTime(long activeNanos) {
      context.reportActiveIoTime(activeNanos);
    }

    @Override
    public boolean shouldReportActiveIoTime() {
      return context.shouldReportActiveIoTime();
    }
  }

  /** {@code delegate} in all but its event loops' I/O handler. */
  private record PollingTransport(Transport delegate, long windowNanos) implements Transport {
    @Override
    public IoHandlerFactory ioHandlerFactory() {
      IoHandlerFactory handlers = delegate.ioHandlerFactory();
      return executor -> new PollingHandler(handlers.newHandler(executor), windowNanos);
    }

    @Override
    public boolean supportsDomainSockets() {
      return delegate.supportsDomainSockets();
    }

    @Override
    public boolean supportFileRegion() {
      return delegate.supportFileRegion();
    }

    @Override
    public boolean isAvailable() {
      return delegate.isAvailable();
    }

    @Override
    public Throwable unavailabilityCause() {
      return delegate.unavailabilityCause();
    }

    @Override
    public java.net.SocketAddress convert(io.vertx.core.net.SocketAddress address) {
      return delegate.convert(address);
    }

    @Override
    public io.vertx.core.net.SocketAddress convert(java.net.SocketAddress address) {
      return delegate.convert(address);
    }

    @Override
    public DatagramChannel datagramChannel() {
      return delegate.datagramChannel();
    }

    @Override
    @SuppressWarnings("deprecation") // Vert.x's interface still names Netty's deprecated type
    public DatagramChannel datagramChannel(io.netty.channel.socket.InternetProtocolFamily family) {
      return delegate.datagramChannel(family);
    }

    @Override
    public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
      return delegate.channelFactory(domainSocket);
    }

    @Override
    public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
      return delegate.serverChannelFactory(domainSocket);
    }

    @Override
    public void configure(DatagramChannel channel, DatagramSocketOptions options) {
      delegate.configure(channel, options);
    }

    @Override
    public void configure(
        ClientOptionsBase options, int connectTimeout, boolean domainSocket, Bootstrap bootstrap) {
      delegate.configure(options, connectTimeout, domainSocket, bootstrap);
    }

    @Override
    public void configure(
        NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
      delegate.configure(options, domainSocket, bootstrap);
    }
  }
}
