/**
 * Anthropic Messages wire format in both directions: request parsing and validation (Claude Code's
 * requests included), the request written for an Anthropic upstream (with automatic cache
 * breakpoints), response and event-stream codecs, error bodies and same-format relaying. Depends
 * only on wire and Jackson.
 */
@NullMarked
package dev.switchboard.wire.anthropic;

import org.jspecify.annotations.NullMarked;
