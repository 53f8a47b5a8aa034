/**
 * OpenAI Chat Completions wire format in both directions: request parsing and validation, response
 * and stream codecs, error bodies. Depends only on wire.
 */
@NullMarked
package dev.switchboard.wire.openai;

import org.jspecify.annotations.NullMarked;
