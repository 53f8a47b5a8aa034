/**
 * Simulated upstream providers that speak OpenAI Chat Completions, Anthropic Messages and Gemini
 * generateContent on one port (one {@code Dialect} per format, chosen by the path), with
 * deterministic text, exact o200k token usage, prompt caching (OpenAI and Gemini automatic,
 * Anthropic breakpoints with 5m/1h TTLs), pacing and a scriptable fault menu played in each format.
 * Planning is shared: every format's request is read into one {@code SimRequest}, and the sim
 * answers like a plausible model so agent loops end (tools only when asked for, text after a tool
 * result, arguments and structured output valid against the given schema). It plays the outside
 * world for the demo and the tests, so it depends only on {@code wire} (its Json and SSE helpers).
 */
@NullMarked
package dev.switchboard.sim;

import org.jspecify.annotations.NullMarked;
