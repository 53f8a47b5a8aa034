package dev.switchboard.insight.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppsTest {
  @Test
  void titleFirst_thenTheReferersHost_thenTheUserAgentsFamily() {
    assertThat(
            Apps.of(
                Map.of(
                    "x-title", "  My Agent ",
                    "http-referer", "https://www.example.com/x",
                    "user-agent", "claude-cli/2.0.1 (external, cli)")))
        .contains("My Agent");
    assertThat(Apps.of(Map.of("http-referer", "https://www.example.com/chat?x=1")))
        .contains("example.com");
    assertThat(Apps.of(Map.of("user-agent", "claude-cli/2.0.1 (external, cli)")))
        .contains("Claude Code");
    assertThat(Apps.of(Map.of())).isEmpty();
  }

  @Test
  void knowsTheCommonAgentsAndSdks() {
    Map<String, String> agents =
        Map.of(
            "codex_cli_rs/0.63.0 (Ubuntu 24.04; x86_64) xterm-256color", "Codex",
            "OpenAI/Python 1.99.1", "OpenAI Python SDK",
            "OpenAI/Java 4.8.0", "OpenAI Java SDK",
            "Anthropic/Python 0.69.0", "Anthropic Python SDK",
            "Anthropic/JS 0.65.0", "Anthropic TypeScript SDK",
            "Cline/3.30.0", "Cline",
            "openclaw/2026.1.5", "OpenClaw",
            "Cursor/1.7", "Cursor",
            "curl/8.5.0", "curl");
    agents.forEach((ua, app) -> assertThat(Apps.of(Map.of("user-agent", ua))).as(ua).contains(app));
  }

  @Test
  void anUnknownAgentIsItsProductName_clippedAndPrintable() {
    assertThat(Apps.family("MyTool/1.2 (linux)")).contains("MyTool");
    assertThat(Apps.of(Map.of("x-title", "a\u0007b" + "x".repeat(100))))
        .hasValueSatisfying(name -> assertThat(name).hasSize(Apps.MAX).startsWith("abx"));
    assertThat(Apps.of(Map.of("user-agent", "   "))).isEqualTo(Optional.empty());
  }
}
