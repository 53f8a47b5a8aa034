/**
 * Google Gemini generateContent / streamGenerateContent (alt=sse) in both directions: the client
 * side (paths, request parser, response and stream encoders, errors), the provider side (request
 * writer, response and stream decoders, failure classification) and the same-format relay. Depends
 * only on {@code wire} and Jackson.
 */
@NullMarked
package dev.switchboard.wire.gemini;

import org.jspecify.annotations.NullMarked;
