package dev.switchboard.policy.detect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class FindingTypeTest {
  @Test
  void namesAreStableAndRoundTrip() {
    for (String name :
        new String[] {
          "EMAIL", "PHONE", "CREDIT_CARD", "IBAN", "US_SSN", "IP_ADDRESS", "SECRET", "CUSTOM:x-1"
        }) {
      assertThat(FindingType.of(name).name()).isEqualTo(name);
      assertThat(FindingType.of(name).toString()).isEqualTo(name);
    }
    assertThat(FindingType.of("CUSTOM:ticket")).isEqualTo(FindingType.custom("ticket"));
    assertThat(FindingType.of("CUSTOM:ticket").isCustom()).isTrue();
    assertThat(FindingType.EMAIL.isCustom()).isFalse();
    assertThatThrownBy(() -> FindingType.of("SSN"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'SSN'");
    assertThatThrownBy(() -> FindingType.of("CUSTOM:"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theDetectorsUseRe2jNeverJavaRegexAndKnowOnlyTheWire() {
    // java.util.regex backtracks: one hostile prompt could stall a worker.
    classes()
        .that()
        .resideInAPackage("dev.switchboard.policy.detect..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.policy.detect..",
            "dev.switchboard.wire",
            "java.lang..",
            "java.util",
            "java.util.function",
            "java.util.stream",
            "java.nio.charset",
            "java.security", // the scan cache's SHA-256
            "com.google.re2j..",
            "com.google.i18n.phonenumbers..",
            "org.jspecify..")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.switchboard.policy.detect"));
  }
}
