/**
 * The request lifecycle, blind to HTTP and to wire formats: the chat pipeline (parse, idempotency,
 * admit, plan, attempts with fallback before the first byte, settle), the stream relay and unary
 * exchange, the ledger row and the request log line. It talks to the client through {@link
 * dev.switchboard.gateway.ClientChannel} and to formats through {@code wire.WireFormat} only. May
 * use Vert.x core (Future, Vertx, Buffer, WorkerExecutor), never {@code io.vertx.core.http}, {@code
 * io.vertx.ext.web}, nor {@code api}.
 */
@NullMarked
package dev.switchboard.gateway;

import org.jspecify.annotations.NullMarked;
