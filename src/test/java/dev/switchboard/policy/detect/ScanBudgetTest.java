package dev.switchboard.policy.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.provider.WireFormats;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.IngressRequest;
import dev.switchboard.wire.WireException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScanBudgetTest {
  private static final String SECRET_TEXT = "jane.doe@example.com";

  private static ChatRequest openAi(String body) throws WireException {
    return WireFormats.find("openai")
        .orElseThrow()
        .parseRequest(
            new IngressRequest(
                "/v1/chat/completions", Map.of(), body.getBytes(StandardCharsets.UTF_8)));
  }

  private static ChatRequest withUserText(String text) throws WireException {
    return openAi(
        "{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"" + text + "\"}]}");
  }

  @Test
  void aPassedDeadlineThrowsSayingHowMuchWasScannedButNoText() throws Exception {
    ChatRequest request = withUserText("mail " + SECRET_TEXT);
    long passed = System.nanoTime() - 1;
    assertThatThrownBy(() -> Found.DEFAULT.scan(request, passed))
        .isInstanceOf(ScanTimeout.class)
        .hasMessageContaining("0 of 25 characters")
        .message()
        .doesNotContain("example");
  }

  @Test
  void aDeadlineInsideALongPartStopsTheScanThere() throws Exception {
    String wall = "call 415-555-2671 or mail a@example.com, 4111 1111 1111 1111 ".repeat(50_000);
    ChatRequest request = withUserText(wall);
    long soon = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
    long started = System.nanoTime();
    ScanTimeout timeout =
        org.junit.jupiter.api.Assertions.assertThrows(
            ScanTimeout.class, () -> Found.DEFAULT.scan(request, soon));
    assertThat(timeout.scannedChars()).isZero();
    assertThat(timeout.totalChars()).isEqualTo(wall.length());
    // Checked between detectors and inside the phone detector: far sooner than a whole scan.
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(2));
  }

  @Test
  void aFarDeadlineScansLikeNoDeadline() throws Exception {
    ChatRequest request = withUserText("mail " + SECRET_TEXT + ", ip 10.0.0.1");
    long far = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    assertThat(Found.DEFAULT.scan(request, far)).isEqualTo(Found.DEFAULT.scan(request));
    assertThat(Found.DEFAULT.scan(request, far)).hasSize(1);
  }

  @Test
  void toolDescriptionsAreScannedUnderTheirToolIndex() throws Exception {
    ChatRequest request =
        openAi(
            """
            {"model": "m", "messages": [{"role": "user", "content": "hi"}],
             "tools": [
              {"type": "function", "function": {"name": "a", "parameters": {}}},
              {"type": "function", "function": {"name": "b", "description": "nothing here",
                "parameters": {}}},
              {"type": "function", "function": {"name": "c",
                "description": "Escalate to ops@example.com or +44 20 7946 0958",
                "parameters": {}}}]}
            """);
    assertThat(Found.DEFAULT.scan(request))
        .containsExactly(
            new MessageFindings(
                MessageFindings.TOOLS,
                2,
                List.of(
                    new Finding(FindingType.EMAIL, 12, 27),
                    new Finding(FindingType.PHONE, 31, 47))));
  }

  @Test
  void ibansAreFoundInAnyLetterCaseAndStillChecked() {
    assertThat(Found.in("iban de89 3704 0044 0532 0130 00."))
        .containsExactly("IBAN=de89 3704 0044 0532 0130 00");
    assertThat(Found.in("iban gb82west12345698765432 ok"))
        .containsExactly("IBAN=gb82west12345698765432");
    assertThat(Found.in("iban Gb82WeSt12345698765432 ok"))
        .containsExactly("IBAN=Gb82WeSt12345698765432");
    assertThat(Found.in("iban gb82west12345698765433 ok")).isEmpty();
    assertThat(Found.in("iban de89370400440532013001 ok")).isEmpty();
  }

  @Test
  void pastItsCallBudgetThePhoneDetectorStillReportsEveryPhoneShapedNumber() {
    String text = "call 415-555-2671 now\n".repeat(400);
    List<Finding> found = Found.DEFAULT.scan(text);
    assertThat(found).hasSize(400).allMatch(f -> f.type().equals(FindingType.PHONE));
    assertThat(text.substring(found.getLast().start(), found.getLast().end()))
        .isEqualTo("415-555-2671");
  }

  @Test
  void thePartsOfARequestShareOneCallBudgetAndEveryNumberIsStillFound() throws Exception {
    StringBuilder body = new StringBuilder("{\"model\": \"m\", \"messages\": [");
    for (int i = 0; i < 300; i++) {
      body.append(i == 0 ? "" : ",")
          .append("{\"role\": \"user\", \"content\": \"call 415-555-2671 now\"}");
    }
    List<MessageFindings> found = Found.DEFAULT.scan(openAi(body.append("]}").toString()));
    assertThat(found)
        .hasSize(300)
        .allMatch(m -> m.findings().equals(List.of(new Finding(FindingType.PHONE, 5, 17))));
  }

  @Test
  void aWallOfDigitsIsReadInBoundedStretches() {
    StringBuilder wall = new StringBuilder();
    java.util.Random random = new java.util.Random(3);
    while (wall.length() < 200_000) {
      wall.append((char) ('0' + random.nextInt(10)));
      if (random.nextInt(3) == 0) {
        wall.append(' ');
      }
    }
    long started = System.nanoTime();
    Found.DEFAULT.scan(wall.toString());
    // Unbounded, libphonenumber took about 1.5 s for this on the development machine.
    assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(1));
  }
}
