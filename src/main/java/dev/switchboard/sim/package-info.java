/**
 * A simulated upstream provider that speaks the OpenAI Chat Completions wire byte for byte, with
 * deterministic text, exact o200k token usage, prompt caching, pacing and a scriptable fault menu.
 * It answers like a plausible model so agent loops end: tools only when asked for, text after a
 * tool result, and tool arguments and structured output that validate against the given schema. It
 * plays the outside world for the demo and the tests, so it depends only on {@code wire}.
 */
@NullMarked
package dev.switchboard.sim;

import org.jspecify.annotations.NullMarked;
