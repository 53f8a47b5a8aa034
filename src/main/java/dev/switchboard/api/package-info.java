/**
 * The HTTP edge only: Vert.x routes, one {@code ChatEndpoint} per ingress chat route (credentials,
 * body limit, then the format-blind {@code gateway.ChatPipeline}), {@code HttpClientChannel} (the
 * gateway's ClientChannel on a Vert.x request), the model list and generation lookup, connection
 * limits, and every error the edge itself produces in the wire format of the route asked. Nothing
 * imports this package.
 */
@NullMarked
package dev.switchboard.api;

import org.jspecify.annotations.NullMarked;
