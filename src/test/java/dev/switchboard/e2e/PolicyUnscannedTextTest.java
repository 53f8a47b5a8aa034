package dev.switchboard.e2e;

import static dev.switchboard.e2e.PolicyGateway.CARD;
import static dev.switchboard.e2e.PolicyGateway.nonce;
import static dev.switchboard.e2e.PolicyGateway.tag;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Text a request carries outside its messages still goes to the provider, so it must be scanned
 * too: a card number in a tool definition or in a field passed through must keep the request on the
 * regulated providers like a card in a message does.
 */
class PolicyUnscannedTextTest {
  private static final Set<String> REGULATED = Set.of("us-zdr", "de-zdr", "fr-zdr");
  private static PolicyGateway gw;

  @BeforeAll
  static void start() {
    gw = PolicyGateway.start(PolicyRoutingTest.POLICY);
  }

  @AfterAll
  static void stop() {
    gw.close();
  }

  /** Where the card of request {@code nonce} went: the providers whose body holds its digits. */
  private static Set<String> sawTheCard(String nonce) {
    Set<String> out = new java.util.TreeSet<>();
    for (PolicyProviders.Received r : gw.providers.received) {
      if (r.nonce().equals(nonce) && r.body().contains("4111 1111")) {
        out.add(r.provider());
      }
    }
    return out;
  }

  @Test
  void aCardInAMessage_isTheBaseline() {
    String n = nonce();
    HttpResponse<String> response =
        gw.chat(
            "{\"model\":\"pm/chat\",\"messages\":[{\"role\":\"user\",\"content\":\"card "
                + CARD
                + " "
                + tag(n)
                + "\"}]}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");
  }

  @Test
  void aCardInAToolDefinition_isScannedToo() {
    String n = nonce();
    String body =
        "{\"model\":\"pm/chat\",\"messages\":[{\"role\":\"user\",\"content\":\"hi "
            + tag(n)
            + "\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"refund\","
            + "\"description\":\"Refunds the card "
            + CARD
            + "\",\"parameters\":{\"type\":\"object\",\"properties\":{}}}}]}";
    HttpResponse<String> response = gw.chat(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");
    assertThat(sawTheCard(n)).isSubsetOf(REGULATED);
  }

  @Test
  void aCardInAPassedThroughField_isScannedToo() {
    String n = nonce();
    String body =
        "{\"model\":\"pm/chat\",\"user\":\"card "
            + CARD
            + "\",\"metadata\":{\"note\":\"card "
            + CARD
            + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi "
            + tag(n)
            + "\"}]}";
    HttpResponse<String> response = gw.chat(body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(sawTheCard(n)).isSubsetOf(REGULATED);
    assertThat(gw.providers.providers(n)).containsExactly("us-zdr");
  }
}
