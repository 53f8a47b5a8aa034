package dev.switchboard.api;

import dev.switchboard.config.Config;
import dev.switchboard.gateway.ClientChannel;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.WireFormat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The lifecycle's view of one HTTP exchange: answers on the Vert.x response, errors in the wire
 * format of the route the client asked, the stream through a {@link ClientStream} opened on demand
 * (keep-alive comments, lazy headers, the write timeout).
 */
final class HttpClientChannel implements ClientChannel {
  private final Vertx vertx;
  private final RoutingContext ctx;
  private final HttpServerResponse out;
  private final WireFormat format;
  private final Config.Server limits;
  private final StreamTicker ticker;
  private @Nullable ClientStream stream;
  private @Nullable Runnable goneAction;
  private final List<Runnable> endActions = new ArrayList<>(2);
  private boolean watching;
  private boolean over;

  HttpClientChannel(
      Vertx vertx,
      RoutingContext ctx,
      WireFormat format,
      Config.Server limits,
      StreamTicker ticker) {
    this.vertx = vertx;
    this.ctx = ctx;
    this.out = ctx.response();
    this.format = format;
    this.limits = limits;
    this.ticker = ticker;
  }

  @Override
  public void onGone(Runnable action) {
    goneAction = action;
    watch();
  }

  @Override
  public void onEnd(Runnable action) {
    endActions.add(action);
    watch();
  }

  // The response's close and body-end slots, taken once. Not its endHandler, which ConnectionGuard
  // owns (nor RoutingContext.addEndHandler, which would take it from the guard).
  private void watch() {
    if (!watching) {
      watching = true;
      out.closeHandler(
          v -> {
            gone();
            over();
          });
      out.bodyEndHandler(v -> over());
    }
  }

  private void gone() {
    Runnable action = goneAction;
    if (action == null) {
      return;
    }
    ClientStream open = stream;
    if (open == null) {
      action.run();
    } else {
      // A stream that ended already was not abandoned; the stream knows.
      open.gone(action);
    }
  }

  private void over() {
    if (!over) {
      over = true;
      endActions.forEach(Runnable::run);
    }
  }

  @Override
  public void header(String name, String value) {
    if (!out.headWritten()) {
      out.putHeader(name, value);
    }
  }

  @Override
  public void reject(GatewayError error) {
    ClientStream open = stream;
    if (open == null || open.abandon()) {
      Replies.error(out, format, error);
    }
  }

  @Override
  public void reply(int status, byte[] json) {
    Replies.json(out, status, json);
  }

  @Override
  public Stream stream() {
    ClientStream open = stream;
    if (open == null) {
      open = new ClientStream(vertx, ctx.request(), limits, ticker);
      stream = open;
    }
    return open;
  }
}
