/**
 * The OpenAI Responses API ({@code POST /v1/responses}) as a wire format, stateless as OpenRouter
 * serves it: input items, function and freeform ({@code custom}) tools, reasoning items with
 * encrypted content, and the typed event stream with sequence numbers.
 */
@NullMarked
package dev.switchboard.wire.responses;

import org.jspecify.annotations.NullMarked;
