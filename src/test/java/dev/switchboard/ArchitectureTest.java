package dev.switchboard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The layering rules of STYLE.md section 2, checked on the compiled main classes. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.switchboard");

  @Test
  void wireDependsOnNothingOfOurs() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.wire..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "dev.switchboard.wire..", "java..", "com.fasterxml.jackson..", "org.jspecify..")
        .check(MAIN);
  }

  @Test
  void oneWireFormatNeverImportsAnother() {
    slices().matching("dev.switchboard.wire.(*)..").should().notDependOnEachOther().check(MAIN);
  }

  @Test
  void theSimulatorOnlyKnowsTheWire() {
    // An allow-list of what it uses today: a new dependency is a decision, not an accident.
    classes()
        .that()
        .resideInAPackage("dev.switchboard.sim..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.sim..",
            "dev.switchboard.wire..",
            "java..",
            "com.fasterxml.jackson..",
            "org.jspecify..",
            "io.vertx.core..",
            "com.knuddels.jtokkit..")
        .check(MAIN);
  }

  @Test
  void theGatewayIsBlindToHttp() {
    noClasses()
        .that()
        .resideInAPackage("dev.switchboard.gateway..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx.core.http..", "io.vertx.ext.web..", "dev.switchboard.api..")
        .check(MAIN);
  }

  @Test
  void onlyAFormatAndTheRegistryKnowTheFormat() {
    Set<JavaPackage> formats = MAIN.getPackage("dev.switchboard.wire").getSubpackages();
    assertThat(formats).isNotEmpty();
    for (JavaPackage format : formats) {
      noClasses()
          .that()
          .resideOutsideOfPackage(format.getName() + "..")
          .and()
          .doNotHaveFullyQualifiedName("dev.switchboard.provider.WireFormats")
          .should()
          .dependOnClassesThat()
          .resideInAPackage(format.getName() + "..")
          .check(MAIN);
    }
  }

  @Test
  void nothingImportsTheEdges() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.switchboard.cli..", "dev.switchboard.api..")
        .and()
        .doNotHaveFullyQualifiedName(Switchboard.class.getName())
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.switchboard.api..", "dev.switchboard.cli..")
        .check(MAIN);
  }

  @Test
  void jdbcStaysInTheStores() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.switchboard.storage..",
            "dev.switchboard.ledger.sqlite..",
            "dev.switchboard.ledger.sql..",
            "dev.switchboard.ledger.postgresql..",
            "dev.switchboard.account.sqlite..",
            "dev.switchboard.account.sql..",
            "dev.switchboard.budget.sql..",
            "dev.switchboard.insight.sql..")
        // The budget settles inside the ledger's transaction: the hook hands it the connection.
        .and()
        .doNotHaveFullyQualifiedName("dev.switchboard.ledger.SettleHook")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.sql..")
        .check(MAIN);
  }

  @Test
  void objectMappersAreBuiltOnlyInJson() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.switchboard.wire.Json")
        .should()
        .callConstructor(ObjectMapper.class)
        .check(MAIN);
  }

  @Test
  void moneyIsNeverFloatingPoint() {
    fields()
        .that()
        .areDeclaredInClassesThat()
        .resideInAnyPackage(
            "dev.switchboard.money..",
            "dev.switchboard.account..",
            "dev.switchboard.ledger..",
            "dev.switchboard.budget..")
        .should()
        .notHaveRawType(double.class)
        .andShould()
        .notHaveRawType(float.class)
        .andShould()
        .notHaveRawType(Double.class)
        .andShould()
        .notHaveRawType(Float.class)
        .check(MAIN);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.switchboard.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void everyPackageDocumentsItself() {
    classes()
        .that()
        .haveSimpleName("package-info")
        .should()
        .beAnnotatedWith(org.jspecify.annotations.NullMarked.class)
        .check(MAIN);
  }
}
