package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void defaults_areTheDocumentedValues() {
    Config d = Config.defaults();
    assertThat(d.server())
        .isEqualTo(new Config.Server("127.0.0.1", 8080, 10_485_760L, Duration.ofSeconds(2)));
    assertThat(d.storage().sqlitePath()).isEqualTo(Path.of("./switchboard.db"));
    assertThat(d.upstream())
        .isEqualTo(new Config.Upstream(Duration.ofSeconds(5), Duration.ofSeconds(300), 1024));
    assertThat(d.catalog().isObject()).isTrue();
    assertThat(d.catalog().isEmpty()).isTrue();
  }

  @Test
  void parse_givesDefaults_whenDocumentIsEmptyOrSectionsMissing() {
    assertThat(Config.parse("", NO_ENV)).isEqualTo(Config.defaults());
    assertThat(Config.parse("# nothing but a comment\n", NO_ENV)).isEqualTo(Config.defaults());
    Config partial = Config.parse("server:\n  port: 9000\n", NO_ENV);
    assertThat(partial.server().port()).isEqualTo(9000);
    assertThat(partial.server().host()).isEqualTo("127.0.0.1");
    assertThat(partial.upstream()).isEqualTo(Config.defaults().upstream());
  }

  @Test
  void parse_readsEveryField_whenAllAreGiven() {
    String yaml =
        """
        server:
          host: 0.0.0.0
          port: 9090
          max_body_bytes: 2MiB
          stream_keepalive: 500ms
        storage:
          sqlite_path: /var/lib/switchboard/db.sqlite
        upstream:
          connect_timeout: 3s
          idle_timeout: 2m
          max_connections_per_host: 16
        catalog:
          providers:
            - id: deepseek
              base_url: https://example.test/v1
        """;
    Config c = Config.parse(yaml, NO_ENV);
    assertThat(c.server())
        .isEqualTo(new Config.Server("0.0.0.0", 9090, 2_097_152L, Duration.ofMillis(500)));
    assertThat(c.storage().sqlitePath()).isEqualTo(Path.of("/var/lib/switchboard/db.sqlite"));
    assertThat(c.upstream())
        .isEqualTo(new Config.Upstream(Duration.ofSeconds(3), Duration.ofMinutes(2), 16));
    assertThat(c.catalog().at("/providers/0/base_url").asText())
        .isEqualTo("https://example.test/v1");
  }

  @Test
  void forwardSimFaultHeader_isOffByDefault_andReadFromUpstream() {
    assertThat(Config.defaults().upstream().forwardSimFaultHeader()).isFalse();
    assertThat(
            Config.parse("upstream:\n  forward_sim_fault_header: true\n", NO_ENV)
                .upstream()
                .forwardSimFaultHeader())
        .isTrue();
  }

  @Test
  void http2_isOffByDefault_andReadFromUpstream() {
    assertThat(Config.defaults().upstream().http2()).isFalse();
    Config.Upstream on = Config.parse("upstream:\n  http2: true\n", NO_ENV).upstream();
    assertThat(on.http2()).isTrue();
    assertThat(on.withForwardSimFaultHeader(true).http2()).as("kept by the copy").isTrue();
  }

  @ParameterizedTest
  @CsvSource({"500ms,PT0.5S", "5s,PT5S", "2m,PT2M", "1h,PT1H", "90s,PT1M30S"})
  void duration_acceptsEachUnit(String text, String expected) {
    Config c = Config.parse("upstream:\n  idle_timeout: " + text + "\n", NO_ENV);
    assertThat(c.upstream().idleTimeout()).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"5", "5 sec", "0s", "-1s", "1d", "1.5s", "s"})
  void duration_isRejectedWithPath_whenMalformed(String text) {
    assertThatThrownBy(() -> Config.parse("upstream:\n  connect_timeout: " + text + "\n", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("upstream.connect_timeout: ")
        .satisfies(
            e -> assertThat(((ConfigException) e).path()).isEqualTo("upstream.connect_timeout"));
  }

  @Test
  void clientLimitsAndPublicModels_areRead_andDefaultWhenAbsent() {
    Config c =
        Config.parse(
            "server: {request_timeout: 5s, idle_timeout: 2m, max_header_bytes: 32KiB,"
                + " client_write_timeout: 7s, public_models: false}",
            NO_ENV);
    assertThat(c.server().limits())
        .isEqualTo(
            new ClientLimits(
                Duration.ofSeconds(5), Duration.ofMinutes(2), 32_768, Duration.ofSeconds(7)));
    assertThat(c.server().publicModels()).isFalse();
    Config d = Config.parse("server: {port: 9000}", NO_ENV);
    assertThat(d.server().limits()).isEqualTo(ClientLimits.defaults());
    assertThat(d.server().publicModels()).isTrue();
    assertThat(d.server().withPort(9001).limits()).isEqualTo(ClientLimits.defaults());
  }

  @Test
  void transport_isNativeByDefault_ioUringWhenAsked_andAnythingElseIsRejectedWithPath() {
    assertThat(Config.parse("server: {port: 9000}", NO_ENV).server().transport())
        .isEqualTo(Transport.NATIVE);
    Config c = Config.parse("server: {transport: io_uring}", NO_ENV);
    assertThat(c.server().transport()).isEqualTo(Transport.IO_URING);
    assertThat(c.server().withPort(9001).transport()).isEqualTo(Transport.IO_URING);
    assertThat(Config.parse("server: {transport: native}", NO_ENV).server().transport())
        .isEqualTo(Transport.NATIVE);
    assertThatThrownBy(() -> Config.parse("server: {transport: epol}", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("server.transport: must be native or io_uring, not 'epol'");
  }

  @Test
  void busyPoll_isOffByDefault_microsOrMillisUpToOne_andAnythingElseIsRejectedWithPath() {
    assertThat(Config.parse("server: {port: 9000}", NO_ENV).server().busyPoll()).isZero();
    Config c = Config.parse("server: {busy_poll: 200us}", NO_ENV);
    assertThat(c.server().busyPoll()).isEqualTo(Duration.ofNanos(200_000));
    assertThat(c.server().withPort(9001).busyPoll()).isEqualTo(Duration.ofNanos(200_000));
    assertThat(c.server().withTransport(Transport.IO_URING).busyPoll())
        .isEqualTo(Duration.ofNanos(200_000));
    assertThat(Config.parse("server: {busy_poll: 1ms}", NO_ENV).server().busyPoll())
        .isEqualTo(Duration.ofMillis(1));
    assertThat(Config.parse("server: {busy_poll: 0}", NO_ENV).server().busyPoll()).isZero();
    for (String bad : List.of("2ms", "1001us", "200", "-5us", "fast", "1s")) {
      assertThatThrownBy(() -> Config.parse("server: {busy_poll: " + bad + "}", NO_ENV))
          .isInstanceOf(ConfigException.class)
          .hasMessage(
              "server.busy_poll: expected 0 or a duration up to 1ms such as 200us, got " + bad);
    }
  }

  @Test
  void maxHeaderBytes_outOfRange_isRejectedWithPath() {
    assertThatThrownBy(() -> Config.parse("server: {max_header_bytes: 100}", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("server.max_header_bytes: ");
  }

  @Test
  void maxBodyBytes_acceptsPlainNumbersAndUnits() {
    assertThat(Config.parse("server: {max_body_bytes: 1024}", NO_ENV).server().maxBodyBytes())
        .isEqualTo(1024);
    assertThat(Config.parse("server: {max_body_bytes: 1KB}", NO_ENV).server().maxBodyBytes())
        .isEqualTo(1000);
    assertThat(Config.parse("server: {max_body_bytes: 1GiB}", NO_ENV).server().maxBodyBytes())
        .isEqualTo(1L << 30);
  }

  @Test
  void env_isInterpolated_withValuesDefaultsAndEscapes() {
    String yaml =
        """
        server:
          host: ${HOST}
          port: ${PORT:-8181}
          stream_keepalive: ${KEEPALIVE:-1s}
        storage:
          sqlite_path: $${HOME}/${DB_NAME}.db
        """;
    Config c = Config.parse(yaml, Map.of("HOST", "10.0.0.1", "DB_NAME", "gw", "KEEPALIVE", ""));
    assertThat(c.server().host()).isEqualTo("10.0.0.1");
    assertThat(c.server().port()).isEqualTo(8181);
    assertThat(c.server().streamKeepAlive()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.storage().sqlitePath()).isEqualTo(Path.of("${HOME}/gw.db"));
  }

  @Test
  void env_setValueWinsOverDefault() {
    Config c = Config.parse("server: {port: \"${PORT:-8181}\"}", Map.of("PORT", "7000"));
    assertThat(c.server().port()).isEqualTo(7000);
  }

  @Test
  void env_unsetApiKey_makesTheFieldAbsent() {
    String yaml =
        """
        catalog:
          providers:
            - id: deepseek
              api_key: ${DEEPSEEK_API_KEY}
            - id: openai
              api_key: ${OPENAI_API_KEY}
        """;
    Config c = Config.parse(yaml, Map.of("OPENAI_API_KEY", "sk-test"));
    JsonNode providers = c.catalog().get("providers");
    assertThat(providers.get(0).has("api_key")).isFalse();
    assertThat(providers.get(0).get("id").asText()).isEqualTo("deepseek");
    assertThat(providers.get(1).get("api_key").asText()).isEqualTo("sk-test");
  }

  @Test
  void env_unsetElsewhere_isAnErrorNamingPathAndVariable() {
    String yaml = "catalog:\n  providers:\n    - id: x\n      base_url: ${BASE_URL}/v1\n";
    assertThatThrownBy(() -> Config.parse(yaml, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("catalog.providers[0].base_url: ")
        .hasMessageContaining("BASE_URL");
    assertThatThrownBy(() -> Config.parse("server: {host: \"${NOPE}\"}", NO_ENV))
        .hasMessageStartingWith("server.host: ")
        .hasMessageContaining("NOPE");
  }

  @Test
  void env_malformedReferences_areErrors() {
    assertThatThrownBy(() -> Config.parse("server: {host: \"${HOST\"}", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("server.host: ")
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> Config.parse("server: {host: \"${1X}\"}", NO_ENV))
        .hasMessageStartingWith("server.host: ")
        .hasMessageContaining("invalid environment variable name");
  }

  @Test
  void envInterpolation_leavesInputUntouchedAndKeysAlone() {
    JsonNode in = Json.object().put("${K}", "${V}").put("n", 3);
    JsonNode out = EnvInterpolation.apply(in, Map.of("V", "v"), "p");
    assertThat(out.get("${K}").asText()).isEqualTo("v");
    assertThat(out.get("n").asInt()).isEqualTo(3);
    assertThat(in.get("${K}").asText()).isEqualTo("${V}");
  }

  @Test
  void unknownKey_isAnErrorNamingIt_atEveryLevel() {
    assertThatThrownBy(() -> Config.parse("servr:\n  port: 1\n", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("\"servr\"");
    assertThatThrownBy(() -> Config.parse("server:\n  prot: 1\n  hots: x\n", NO_ENV))
        .hasMessageStartingWith("server: ")
        .hasMessageContaining("\"prot\"")
        .hasMessageContaining("\"hots\"");
    assertThatThrownBy(() -> Config.parse("upstream: {idle: 5s}", NO_ENV))
        .hasMessageStartingWith("upstream: ")
        .hasMessageContaining("\"idle\"");
    assertThatThrownBy(() -> Config.parse("catalog: {model: []}", NO_ENV))
        .hasMessageStartingWith("catalog: ")
        .hasMessageContaining("\"model\"");
  }

  @Test
  void badTypes_areErrorsWithPathAndValue() {
    assertThatThrownBy(() -> Config.parse("server: {port: abc}", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage("server.port: expected an integer between 1 and 65535, got \"abc\"");
    assertThatThrownBy(() -> Config.parse("server: {port: 70000}", NO_ENV))
        .hasMessage("server.port: expected an integer between 1 and 65535, got 70000");
    assertThatThrownBy(() -> Config.parse("server: {port: 80.5}", NO_ENV))
        .hasMessageStartingWith("server.port: ");
    assertThatThrownBy(() -> Config.parse("server: {max_body_bytes: lots}", NO_ENV))
        .hasMessageStartingWith("server.max_body_bytes: ");
    assertThatThrownBy(() -> Config.parse("server: 8080", NO_ENV))
        .hasMessageStartingWith("server: expected a mapping");
    assertThatThrownBy(() -> Config.parse("server: {host: [a, b]}", NO_ENV))
        .hasMessage("server.host: expected a text value, got a list");
    assertThatThrownBy(() -> Config.parse("upstream: {max_connections_per_host: 0}", NO_ENV))
        .hasMessageStartingWith("upstream.max_connections_per_host: ");
    assertThatThrownBy(() -> Config.parse("catalog: {models: {id: x}}", NO_ENV))
        .hasMessageStartingWith("catalog.models: expected a list");
  }

  @Test
  void invalidYaml_andDuplicateKeys_areErrors() {
    assertThatThrownBy(() -> Config.parse("server: [unclosed\n", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> Config.parse("server:\n  port: 1\n  port: 2\n", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("port");
  }

  /** Fuzzing finding: SnakeYAML's message spans lines, quotes the input and misplaces the error. */
  @Test
  void invalidYaml_isOneLineWithTheProblemsPosition() {
    assertThatThrownBy(() -> Config.parse("a: &aver: *a\n", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "(yaml): not valid YAML at line 1, column 9: mapping values are not allowed here");
    assertThatThrownBy(() -> Config.parse("server:\n  port: [1\n", NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("(yaml): not valid YAML at line 3, column 1: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void load_readsAFile_andReportsAMissingOne(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("switchboard.yaml");
    Files.writeString(file, "server:\n  port: ${PORT}\n");
    assertThat(Config.load(file, Map.of("PORT", "8443")).server().port()).isEqualTo(8443);
    Path missing = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> Config.load(missing, NO_ENV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(missing.toString());
  }
}
