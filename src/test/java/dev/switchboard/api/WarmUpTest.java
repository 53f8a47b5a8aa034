package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class WarmUpTest {
  @Test
  void runsEveryFormatsCodecsOverItsMadeUpExchange_withoutError() {
    // The start-up future swallows failures (a warm-up is optional): the exchange is checked here.
    assertThatCode(WarmUp::run).doesNotThrowAnyException();
  }
}
