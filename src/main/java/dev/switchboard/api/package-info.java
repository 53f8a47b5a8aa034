/**
 * The HTTP surface: Vert.x routes, the chat pipeline (authenticate, parse, plan, execute, settle),
 * stream relaying with fallback before the first byte, and error responses in the client's wire
 * format. Nothing imports this package.
 */
@NullMarked
package dev.switchboard.api;

import org.jspecify.annotations.NullMarked;
