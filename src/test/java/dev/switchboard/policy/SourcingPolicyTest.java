package dev.switchboard.policy;

import static dev.switchboard.policy.PolicyFixtures.CARD;
import static dev.switchboard.policy.PolicyFixtures.EMAIL;
import static dev.switchboard.policy.PolicyFixtures.openAi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Classifying a request: the highest of the default (or key) class, the X-Data-Class header and
 * what the findings map to; the header raises, never lowers; no policy scans nothing.
 */
class SourcingPolicyTest {
  private static final String RULES =
      "classes:\n"
          + "  regulated: {jurisdictions: [US, EU], zero_retention: true, no_training: true}\n"
          + "  confidential: {no_training: true}\n";
  private static final SourcingPolicy POLICY = PolicyFixtures.parse(RULES);
  private static final ChatRequest CLEAN = openAi("pm/chat", "Say something about routers.");

  private static PolicyDecision decide(
      SourcingPolicy policy, ChatRequest request, Optional<DataClass> key, String header) {
    return policy.decide(request, key, Optional.ofNullable(header));
  }

  @Test
  void aCleanRequest_isTheDefaultClass() {
    PolicyDecision d = decide(POLICY, CLEAN, Optional.empty(), null);
    assertThat(d.dataClass()).isEqualTo(DataClass.PUBLIC);
    assertThat(d.raisedBy()).isEqualTo("default");
    assertThat(d.findings()).isEmpty();
    assertThat(d.scanComplete()).isTrue();
    assertThat(d.rule().name()).isEqualTo("policy.classes.public");

    SourcingPolicy internalByDefault = PolicyFixtures.parse("default_class: internal\n" + RULES);
    assertThat(decide(internalByDefault, CLEAN, Optional.empty(), null).dataClass())
        .isEqualTo(DataClass.INTERNAL);
  }

  @Test
  void theClass_isTheHighestOfKeyHeaderAndFindings() {
    ChatRequest email = openAi("pm/chat", "Write to " + EMAIL + " today.");
    ChatRequest card = openAi("pm/chat", "My card is " + CARD + ", charge it.");

    assertThat(decide(POLICY, email, Optional.empty(), null))
        .extracting(PolicyDecision::dataClass, PolicyDecision::raisedBy)
        .containsExactly(DataClass.CONFIDENTIAL, "findings");
    assertThat(decide(POLICY, card, Optional.empty(), null))
        .extracting(PolicyDecision::dataClass, PolicyDecision::raisedBy)
        .containsExactly(DataClass.REGULATED, "findings");
    assertThat(decide(POLICY, email, Optional.of(DataClass.INTERNAL), "regulated"))
        .extracting(PolicyDecision::dataClass, PolicyDecision::raisedBy)
        .containsExactly(DataClass.REGULATED, "header");
    assertThat(decide(POLICY, CLEAN, Optional.of(DataClass.CONFIDENTIAL), "internal"))
        .extracting(PolicyDecision::dataClass, PolicyDecision::raisedBy)
        .containsExactly(DataClass.CONFIDENTIAL, "key");
    assertThat(decide(POLICY, card, Optional.of(DataClass.CONFIDENTIAL), "internal"))
        .extracting(PolicyDecision::dataClass, PolicyDecision::raisedBy)
        .containsExactly(DataClass.REGULATED, "findings");
    PolicyDecision d = decide(POLICY, card, Optional.empty(), null);
    assertThat(d.rule().name()).isEqualTo("policy.classes.regulated");
    assertThat(d.findingTypes()).containsExactly("CREDIT_CARD");
    assertThat(d.handling().dataClass()).isEqualTo("regulated");
    assertThat(d.handling().findingTypes()).containsExactly("CREDIT_CARD");
  }

  @Test
  void theHeader_raises_butNeverLowers() {
    ChatRequest card = openAi("pm/chat", "Card " + CARD);
    assertThat(decide(POLICY, card, Optional.empty(), "public").dataClass())
        .isEqualTo(DataClass.REGULATED);
    assertThat(decide(POLICY, CLEAN, Optional.of(DataClass.CONFIDENTIAL), "public"))
        .extracting(PolicyDecision::dataClass, PolicyDecision::raisedBy)
        .containsExactly(DataClass.CONFIDENTIAL, "key");
    SourcingPolicy confidentialByDefault =
        PolicyFixtures.parse("default_class: confidential\n" + RULES);
    assertThat(decide(confidentialByDefault, CLEAN, Optional.empty(), "internal").dataClass())
        .isEqualTo(DataClass.CONFIDENTIAL);
    assertThat(decide(POLICY, CLEAN, Optional.empty(), " Regulated ").dataClass())
        .as("case and spaces do not matter")
        .isEqualTo(DataClass.REGULATED);
  }

  @Test
  void aBadHeader_isA400NamingTheHeader_evenWithoutAPolicy() {
    for (SourcingPolicy policy : List.of(POLICY, SourcingPolicy.none())) {
      assertThatThrownBy(() -> decide(policy, CLEAN, Optional.empty(), "secret"))
          .isInstanceOfSatisfying(
              GatewayError.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                assertThat(e.param()).contains("X-Data-Class");
                assertThat(e.safeMessage()).contains("X-Data-Class").contains("regulated");
              });
    }
    String longValue = "x".repeat(5000);
    assertThatThrownBy(() -> decide(POLICY, CLEAN, Optional.empty(), longValue))
        .isInstanceOfSatisfying(
            GatewayError.class,
            e -> assertThat(e.safeMessage().length()).as("echoes little").isLessThan(300));
  }

  @Test
  void noPolicy_scansNothing_andRoutesEveryClassAnywhere() {
    SourcingPolicy none = PolicyParser.parse(Json.object(), PolicyFixtures.CATALOG);
    ChatRequest card = openAi("pm/chat", "Card " + CARD + " mail " + EMAIL);
    PolicyDecision d = decide(none, card, Optional.empty(), null);
    assertThat(d.dataClass()).isEqualTo(DataClass.PUBLIC);
    assertThat(d.findings()).isEmpty();
    assertThat(d.filter()).isSameAs(dev.switchboard.routing.RouteFilter.NONE);
    PolicyDecision raised = decide(none, card, Optional.empty(), "regulated");
    assertThat(raised.dataClass()).as("the header still classes").isEqualTo(DataClass.REGULATED);
    assertThat(raised.rule().requirements().isEmpty()).isTrue();
  }

  @Test
  void findings_mapAsTheFindingsSectionSays_elseByTheDefaults() {
    ChatRequest mixed = openAi("pm/chat", "Mail " + EMAIL + " from 10.1.2.3");
    assertThat(decide(POLICY, mixed, Optional.empty(), null).dataClass())
        .isEqualTo(DataClass.CONFIDENTIAL);
    assertThat(decide(POLICY, openAi("pm/chat", "ping 10.1.2.3"), Optional.empty(), null))
        .extracting(PolicyDecision::dataClass)
        .isEqualTo(DataClass.INTERNAL);

    SourcingPolicy remapped =
        PolicyFixtures.parse("findings: {EMAIL: regulated, IP_ADDRESS: public}\n" + RULES);
    assertThat(decide(remapped, mixed, Optional.empty(), null).dataClass())
        .isEqualTo(DataClass.REGULATED);
    assertThat(decide(remapped, openAi("pm/chat", "ping 10.1.2.3"), Optional.empty(), null))
        .extracting(PolicyDecision::dataClass, PolicyDecision::raisedBy)
        .containsExactly(DataClass.PUBLIC, "default");
  }

  @Test
  void customDetectors_classAsMapped_orConfidentialByDefault() {
    SourcingPolicy custom =
        PolicyFixtures.parse(
            "detectors:\n"
                + "  patterns: {employee_id: 'EMP-[0-9]{6}'}\n"
                + "  keywords: {codenames: [bluebird, nightjar]}\n"
                + "findings: {'CUSTOM:employee_id': regulated}\n"
                + RULES);
    PolicyDecision employee =
        decide(custom, openAi("pm/chat", "Review EMP-123456 please"), Optional.empty(), null);
    assertThat(employee.dataClass()).isEqualTo(DataClass.REGULATED);
    assertThat(employee.findingTypes()).containsExactly("CUSTOM:employee_id");
    PolicyDecision codename =
        decide(custom, openAi("pm/chat", "Status of Project BLUEBIRD?"), Optional.empty(), null);
    assertThat(codename.dataClass()).isEqualTo(DataClass.CONFIDENTIAL);
    assertThat(codename.findingTypes()).containsExactly("CUSTOM:codenames");
    assertThat(decide(custom, openAi("pm/chat", "EMP-12 bluebirds"), Optional.empty(), null))
        .extracting(PolicyDecision::dataClass)
        .as("no whole match")
        .isEqualTo(DataClass.PUBLIC);
  }

  @Test
  void everyTurnAndRole_isScanned() {
    String body =
        "{\"model\":\"pm/chat\",\"messages\":["
            + "{\"role\":\"system\",\"content\":\"Card on file: "
            + CARD
            + "\"},"
            + "{\"role\":\"user\",\"content\":\"hi\"}]}";
    assertThat(decide(POLICY, PolicyFixtures.parsed("openai", body), Optional.empty(), null))
        .extracting(PolicyDecision::dataClass)
        .isEqualTo(DataClass.REGULATED);
    String toolTurn =
        "{\"model\":\"pm/chat\",\"messages\":["
            + "{\"role\":\"user\",\"content\":\"look it up\"},"
            + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"c1\","
            + "\"type\":\"function\",\"function\":{\"name\":\"find\",\"arguments\":"
            + "\"{\\\"who\\\":\\\""
            + EMAIL
            + "\\\"}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"found\"}]}";
    assertThat(decide(POLICY, PolicyFixtures.parsed("openai", toolTurn), Optional.empty(), null))
        .extracting(PolicyDecision::dataClass)
        .isEqualTo(DataClass.CONFIDENTIAL);
    String anthropic =
        "{\"model\":\"pm/chat\",\"max_tokens\":10,\"system\":\"Bill "
            + CARD
            + "\",\"messages\":[{\"role\":\"user\",\"content\":\"ok\"}]}";
    assertThat(
            decide(POLICY, PolicyFixtures.parsed("anthropic", anthropic), Optional.empty(), null))
        .extracting(PolicyDecision::dataClass)
        .isEqualTo(DataClass.REGULATED);
  }

  @Test
  void aBlockedDecision_namesTheRuleAndTypes_neverTheText() {
    SourcingPolicy blocking = PolicyFixtures.parse("classes:\n  regulated: {action: block}\n");
    PolicyDecision d =
        decide(blocking, openAi("pm/chat", CARD + " and " + EMAIL), Optional.empty(), null);
    assertThat(d.action()).isEqualTo(Action.BLOCK);
    GatewayError blocked = d.blocked();
    assertThat(blocked.kind()).isEqualTo(ErrorKind.POLICY_BLOCKED);
    assertThat(blocked.safeMessage())
        .contains("policy.classes.regulated")
        .contains("CREDIT_CARD, EMAIL")
        .doesNotContain("4111")
        .doesNotContain("jane.doe")
        .doesNotContain("example.com");
    PolicyDecision byHeader = decide(blocking, CLEAN, Optional.empty(), "regulated");
    assertThat(byHeader.blocked().safeMessage()).contains("X-Data-Class");
  }

  @Test
  void aScanOverItsBudget_failsClosed_asTheHighestClass() {
    SourcingPolicy tight = PolicyFixtures.parse("scan_budget: 1ms\n" + RULES);
    String filler = "the quick brown fox 12345 jumps over 10.0.0 lazy dogs; ".repeat(80_000);
    PolicyDecision d = decide(tight, openAi("pm/chat", filler), Optional.empty(), null);
    assertThat(d.scanComplete()).isFalse();
    assertThat(d.raisedBy()).isEqualTo("scan failed");
    assertThat(d.dataClass()).isEqualTo(DataClass.REGULATED);
  }
}
