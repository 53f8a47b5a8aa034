package dev.switchboard.policy.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScannerTest {
  @Test
  void findingsAreSortedAndTheMoreSpecificTypeWinsAnOverlap() {
    // A card number is also a valid-looking phone digit run; an address in a token is the token.
    String text = "mail bob@example.com, card 4111 1111 1111 1111, ip 10.0.0.1";
    assertThat(Found.in(text))
        .containsExactly(
            "EMAIL=bob@example.com", "CREDIT_CARD=4111 1111 1111 1111", "IP_ADDRESS=10.0.0.1");
    assertThat(Found.in("token=ab12CD34ef56@example.com9"))
        .containsExactly("SECRET=ab12CD34ef56@example.com9");
  }

  @Test
  void aFindingPrintsItsTypeAndSpanButNeverTheText() {
    Finding finding = Found.DEFAULT.scan("ssn 123-45-6789").getFirst();
    assertThat(finding).isEqualTo(new Finding(FindingType.US_SSN, 4, 15));
    assertThat(finding.toString()).isEqualTo("US_SSN[4,15)").doesNotContain("6789");
  }

  @Test
  void offsetsCountUtf16CharsPastEmojiAndAccents() {
    String text = "😀 Grüße: jo@example.com, +33 1 42 68 53 00";
    assertThat(Found.DEFAULT.scan(text))
        .containsExactly(
            new Finding(FindingType.EMAIL, 10, 24), new Finding(FindingType.PHONE, 26, 43));
    assertThat(Found.in(text)).containsExactly("EMAIL=jo@example.com", "PHONE=+33 1 42 68 53 00");
  }

  @Test
  void customPatternsAndKeywordsReportTheirNames() {
    Scanner scanner =
        Found.withCustom(
            Map.of("ticket", "\\bPRJ-[0-9]{4,}\\b"),
            Map.of("codename", List.of("Bluebird", "Project Ørn")));
    String text = "PRJ-1234: bluebird launch; project ørn, Bluebirds and xBluebird are not it";
    assertThat(Found.in(scanner, text))
        .containsExactly(
            "CUSTOM:ticket=PRJ-1234", "CUSTOM:codename=bluebird", "CUSTOM:codename=project ørn");
  }

  @Test
  void adjacentKeywordsAreEachFound() {
    Scanner scanner = Found.withCustom(Map.of(), Map.of("w", List.of("alpha", "beta")));
    assertThat(Found.in(scanner, "alpha beta,alpha"))
        .containsExactly("CUSTOM:w=alpha", "CUSTOM:w=beta", "CUSTOM:w=alpha");
  }

  @Test
  void aCustomFindingStandsBesideABuiltInOne() {
    Scanner scanner = Found.withCustom(Map.of("corp_mail", "[a-z]+@corp\\.example"), Map.of());
    assertThat(Found.in(scanner, "ask ann@corp.example"))
        .containsExactly("CUSTOM:corp_mail=ann@corp.example", "EMAIL=ann@corp.example");
  }

  @Test
  void badConfigurationIsRefusedByName() {
    assertThatThrownBy(() -> Found.withCustom(Map.of("broken", "(unclosed"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("custom pattern 'broken'");
    assertThatThrownBy(() -> Found.withCustom(Map.of("back", "(a)\\1"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'back'");
    assertThatThrownBy(() -> Found.withCustom(Map.of(), Map.of("empty", List.of(" "))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'empty'");
    assertThatThrownBy(() -> Found.withCustom(Map.of("bad name", "x"), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bad name");
    assertThatThrownBy(() -> new Scanner(new DetectorConfig(List.of("XX"), Map.of(), Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'XX'");
  }

  @Test
  void scansEveryTextARequestCarriesWithMessageAndPartIndexes() throws Exception {
    String body =
        """
        {"model": "m", "messages": [
          {"role": "system", "content": "Operator: ops@example.com"},
          {"role": "user", "content": [
            {"type": "text", "text": "hello"},
            {"type": "text", "text": "my card is 5555 5555 5555 4444"}]},
          {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function",
            "function": {"name": "lookup", "arguments": "{\\"ip\\": \\"192.168.1.20\\"}"}}]},
          {"role": "tool", "tool_call_id": "c1", "content": "owner SSN 123-45-6789"},
          {"role": "user", "content": "nothing here"}]}
        """;
    ChatRequest request =
        WireFormats.find("openai")
            .orElseThrow()
            .parseRequest(
                new IngressRequest(
                    "/v1/chat/completions", Map.of(), body.getBytes(StandardCharsets.UTF_8)));

    List<MessageFindings> found = Found.DEFAULT.scan(request);

    assertThat(found)
        .containsExactly(
            new MessageFindings(
                MessageFindings.SYSTEM, 0, List.of(new Finding(FindingType.EMAIL, 10, 25))),
            new MessageFindings(0, 1, List.of(new Finding(FindingType.CREDIT_CARD, 11, 30))),
            new MessageFindings(1, 0, List.of(new Finding(FindingType.IP_ADDRESS, 8, 20))),
            new MessageFindings(2, 0, List.of(new Finding(FindingType.US_SSN, 10, 21))));
  }

  @Test
  void scansAnthropicSystemThinkingAndToolResults() throws Exception {
    String body =
        """
        {"model": "m", "max_tokens": 100,
         "system": [{"type": "text", "text": "Call +44 20 7946 0958 on failure."}],
         "messages": [
          {"role": "user", "content": "look up the account"},
          {"role": "assistant", "content": [
            {"type": "thinking", "thinking": "IBAN GB82WEST12345698765432 first", "signature": "s"},
            {"type": "tool_use", "id": "t1", "name": "find", "input": {"q": "x"}}]},
          {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1",
            "content": [{"type": "text", "text": "key AKIAIOSFODNN7EXAMPLE"}]}]}]}
        """;
    ChatRequest request =
        WireFormats.find("anthropic")
            .orElseThrow()
            .parseRequest(
                new IngressRequest(
                    "/v1/messages", Map.of(), body.getBytes(StandardCharsets.UTF_8)));

    assertThat(Found.DEFAULT.scan(request))
        .containsExactly(
            new MessageFindings(
                MessageFindings.SYSTEM, 0, List.of(new Finding(FindingType.PHONE, 5, 21))),
            new MessageFindings(1, 0, List.of(new Finding(FindingType.IBAN, 5, 27))),
            new MessageFindings(2, 0, List.of(new Finding(FindingType.SECRET, 4, 24))));
  }
}
