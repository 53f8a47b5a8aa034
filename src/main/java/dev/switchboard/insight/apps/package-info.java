/**
 * Which app sent a request ({@link dev.switchboard.insight.apps.Apps}): its {@code X-Title}, else
 * its {@code HTTP-Referer}'s host (OpenRouter's app attribution), else its {@code User-Agent}'s
 * family (Claude Code, Codex, Cline, the OpenAI and Anthropic SDKs, ...).
 */
@NullMarked
package dev.switchboard.insight.apps;

import org.jspecify.annotations.NullMarked;
