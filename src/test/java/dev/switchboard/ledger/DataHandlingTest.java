package dev.switchboard.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataHandlingTest {
  @Test
  void keepsFindingTypesSortedAndDistinct() {
    DataHandling handling =
        new DataHandling(
            "regulated",
            "policy.classes.regulated",
            "redact",
            List.of("US_SSN", "EMAIL", "CUSTOM:employee_id", "EMAIL"));

    assertThat(handling.findingTypes()).containsExactly("CUSTOM:employee_id", "EMAIL", "US_SSN");
  }

  @Test
  void refusesUnknownClassesAndActions_andTypeNamesTheLedgerCannotJoin() {
    assertThatThrownBy(() -> new DataHandling("secret", "", "route", List.of()))
        .hasMessageContaining("unknown data class 'secret'");
    assertThatThrownBy(() -> new DataHandling("PUBLIC", "", "route", List.of()))
        .as("the ledger keeps the lower-case names only")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DataHandling("public", "", "allow", List.of()))
        .hasMessageContaining("unknown policy action 'allow'");
    assertThatThrownBy(() -> new DataHandling("public", "", "block", List.of("EMAIL,PHONE")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DataHandling("public", "", "block", List.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRowMadeWithTheOldConstructor_hasNoPolicyDecision() {
    UsageRecord row = UsageRecords.row("gen-1", "k", 1);

    assertThat(row.handling()).isEqualTo(DataHandling.NONE);
    DataHandling blocked = new DataHandling("regulated", "r", "block", List.of("EMAIL"));
    assertThat(row.withHandling(blocked).handling()).isEqualTo(blocked);
    assertThat(row.withHandling(blocked).withHandling(DataHandling.NONE)).isEqualTo(row);
  }
}
