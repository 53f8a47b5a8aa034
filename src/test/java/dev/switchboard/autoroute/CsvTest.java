package dev.switchboard.autoroute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void readsQuotedCommasDoubledQuotesAndLineBreaks() {
    String text =
        "prompt,a,b\n\"Q: 1, 2\nA. \"\"x\"\"\r\nAnswer:\",True,False\r\nplain,False,True\n";
    assertThat(Csv.parse(text))
        .containsExactly(
            List.of("prompt", "a", "b"),
            List.of("Q: 1, 2\nA. \"x\"\r\nAnswer:", "True", "False"),
            List.of("plain", "False", "True"));
  }

  @Test
  void keepsALastRowWithoutLineBreakAndEmptyFields() {
    assertThat(Csv.parse("a,,c")).containsExactly(List.of("a", "", "c"));
  }
}
