package dev.switchboard.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class UntrustedTextTest {
  private static final String PROVIDER_KEY = "Zq9canaryProviderValue77";

  @Test
  void removesAConfiguredKey_asWrittenUrlEncodedAndInBase64() {
    String key = "k3y/with+odd=chars";
    String text =
        "got "
            + key
            + " and "
            + URLEncoder.encode(key, StandardCharsets.UTF_8)
            + " and "
            + Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    String clean = UntrustedText.scrub(text, List.of(key));
    assertThat(clean).doesNotContain(key).doesNotContain("k3y").startsWith("got [redacted]");
  }

  @Test
  void masksKeyShapedText_withoutKnowingTheKey() {
    String text =
        "Authorization: Bearer abcdEFGH1234 | sk-ant-api03-abcdefgh | sk-proj-ABCDEF12"
            + " | AIzaSyA1234567890abcdefghijklmnop | https://x.test/v1?alt=sse&key=plainvalue"
            + " | {\"x-api-key\":\"anyvalue123\"} | tok 0f3c9a7b2e1d4c5b6a7f8e9d0c1b2a3f4e5d";
    String clean = UntrustedText.scrub(text);
    assertThat(clean)
        .doesNotContain("abcdEFGH1234", "api03", "proj-ABC", "AIzaSy", "plainvalue", "anyvalue")
        .doesNotContain("0f3c9a7b2e1d")
        .contains("alt=sse");
  }

  @Test
  void keepsOrdinaryWords() {
    String text = "The bearer token limit was exceeded: model overloaded, retry later (code 503)";
    assertThat(UntrustedText.scrub(text)).isEqualTo(text);
  }

  @Test
  void foldsEverythingOntoOneLine() {
    String text = "first\r\n2026-01-01 ERROR forged line\u2028third\u0000\u001b[31m\tend";
    assertThat(UntrustedText.scrub(text))
        .isEqualTo("first 2026-01-01 ERROR forged line third [31m end")
        .doesNotContain("\n", "\r");
  }

  @Test
  void clipping_neverLeavesAPieceOfAKey_whereverTheCutFalls() {
    for (int pad = 0; pad < UntrustedText.MAX_LENGTH + 10; pad++) {
      String text = "a ".repeat(pad / 2) + "x".repeat(pad % 2) + PROVIDER_KEY + " tail";
      String maskedOnly = UntrustedText.scrub(text, List.of());
      assertThat(maskedOnly.length()).isLessThanOrEqualTo(UntrustedText.MAX_LENGTH + 1);
      for (int i = 0; i + 6 <= PROVIDER_KEY.length(); i++) {
        String piece = PROVIDER_KEY.substring(i, i + 6);
        if (maskedOnly.contains(piece)) {
          assertThat(maskedOnly).as("pad %d", pad).contains(PROVIDER_KEY);
        }
      }
      assertThat(UntrustedText.scrub(text, List.of(PROVIDER_KEY))).doesNotContain("Zq9can");
    }
  }

  @Test
  void shortPlaceholderKeys_areNotSecrets() {
    assertThat(UntrustedText.scrub("a test of none", List.of("test", "none")))
        .isEqualTo("a test of none");
  }

  @Test
  void aLongBody_isClippedAfterScrubbing() {
    String body = ("{\"error\":\"" + PROVIDER_KEY + "\"} ").repeat(500);
    String clean = UntrustedText.scrub(body, List.of(PROVIDER_KEY));
    assertThat(clean).hasSizeLessThanOrEqualTo(UntrustedText.MAX_LENGTH + 1).endsWith("…");
    assertThat(clean).doesNotContain("Zq9");
  }
}
