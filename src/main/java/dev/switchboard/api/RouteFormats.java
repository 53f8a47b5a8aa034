package dev.switchboard.api;

import dev.switchboard.wire.WireFormat;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which wire format the edge answers a request in: the format of the chat route it asked for;
 * elsewhere the format whose chat path shares the most leading segments with the request's path
 * ({@code /v1/messages/xyz} goes to the format owning {@code /v1/messages}); the first registered
 * format (OpenAI) when none shares any, or on a tie.
 */
final class RouteFormats {
  private record ChatRoute(String path, List<String> literal, WireFormat format) {}

  private final WireFormat fallback;
  private final List<WireFormat> formats;
  private final List<ChatRoute> routes = new ArrayList<>();

  RouteFormats(List<WireFormat> formats) {
    this.formats = List.copyOf(formats);
    this.fallback = formats.getFirst();
    for (WireFormat format : formats) {
      for (String path : format.chatPaths()) {
        routes.add(new ChatRoute(path, literalSegments(path), format));
      }
    }
  }

  /** Every format, the default first. */
  List<WireFormat> all() {
    return formats;
  }

  /** The format to answer a request in, by its path (null or unreadable: the default). */
  WireFormat of(HttpServerRequest request) {
    String path;
    try {
      path = request.path();
    } catch (RuntimeException unreadable) {
      return fallback;
    }
    return forPath(path);
  }

  /** The format to answer {@code path} (query allowed) in. */
  WireFormat forPath(@Nullable String path) {
    if (path == null) {
      return fallback;
    }
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    for (ChatRoute route : routes) {
      if (GatewayRoutes.matches(route.path(), bare)) {
        return route.format();
      }
    }
    List<String> segments = segments(bare);
    WireFormat nearest = fallback;
    int best = 0;
    for (ChatRoute route : routes) {
      int shared = shared(route.literal(), segments);
      if (shared > best) {
        best = shared;
        nearest = route.format();
      }
    }
    return nearest;
  }

  private static int shared(List<String> literal, List<String> segments) {
    int n = 0;
    while (n < literal.size() && n < segments.size() && literal.get(n).equals(segments.get(n))) {
      n++;
    }
    return n;
  }

  /** The segments of a route path before its first {@code :param}. */
  private static List<String> literalSegments(String routePath) {
    List<String> literal = new ArrayList<>();
    for (String segment : segments(routePath)) {
      if (segment.startsWith(":")) {
        break;
      }
      literal.add(segment);
    }
    return literal;
  }

  private static List<String> segments(String path) {
    return List.of(path.replaceFirst("^/+", "").split("/", -1));
  }
}
