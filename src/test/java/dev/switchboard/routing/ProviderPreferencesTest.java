package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.routing.ProviderPreferences.MaxPrice;
import dev.switchboard.routing.ProviderPreferences.Sort;
import dev.switchboard.wire.ErrorKind;
import dev.switchboard.wire.GatewayError;
import dev.switchboard.wire.Json;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderPreferencesTest {
  private static ProviderPreferences client(String json) {
    return ProviderPreferencesParser.parse(tree(json), ProviderPreferencesParser.CLIENT);
  }

  private static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError(json, e);
    }
  }

  @Test
  void parse_readsEveryField() {
    ProviderPreferences p =
        client(
            """
            {"order": ["DeepInfra/turbo", "moonshotai"], "only": ["alpha", "beta"],
             "ignore": ["gamma"], "allow_fallbacks": false, "require_parameters": true,
             "data_collection": "deny", "zdr": true, "quantizations": ["fp8", "bf16"],
             "sort": {"by": "throughput", "partition": "none"},
             "max_price": {"prompt": 0.28, "completion": "1.1", "request": 0},
             "preferred_min_throughput": 50,
             "preferred_max_latency": {"p90": 2.5},
             "enforce_distillable_text": true, "some_future_field": {"x": 1}}
            """);
    assertThat(p.order()).contains(List.of("deepinfra", "moonshot"));
    assertThat(p.only()).contains(Set.of("alpha", "beta"));
    assertThat(p.ignore()).contains(Set.of("gamma"));
    assertThat(p.allowFallbacks()).contains(false);
    assertThat(p.requireParameters()).contains(true);
    assertThat(p.denyDataCollection()).contains(true);
    assertThat(p.zdr()).contains(true);
    assertThat(p.quantizations()).contains(Set.of("fp8", "bf16"));
    assertThat(p.sort()).contains(new Sort(Sort.By.THROUGHPUT, false));
    assertThat(p.maxPrice())
        .isEqualTo(new MaxPrice(OptionalLong.of(280_000), OptionalLong.of(1_100_000)));
    assertThat(p.minThroughput()).contains(Thresholds.p50(50));
    assertThat(p.maxLatency().orElseThrow().p90()).isEqualTo(OptionalDouble.of(2.5));
  }

  @Test
  void parse_ofNothingIsNone_andNullFieldsAreUnset() {
    assertThat(client("{}").isEmpty()).isTrue();
    assertThat(client("{\"only\": null, \"sort\": null}").isEmpty()).isTrue();
    assertThat(client("{\"sort\": \"price\"}").sort()).contains(Sort.of(Sort.By.PRICE));
    assertThat(client("{\"data_collection\": \"allow\"}").denyDataCollection()).contains(false);
  }

  @Test
  void maxPrice_isExactMicroDollars_roundedDownAsALimit() {
    assertThat(client("{\"max_price\": {\"prompt\": 0.0000019}}").maxPrice().prompt())
        .isEqualTo(OptionalLong.of(1));
    assertThat(client("{\"max_price\": {\"completion\": 15}}").maxPrice().completion())
        .isEqualTo(OptionalLong.of(15_000_000));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"order\": \"alpha\"}                       | provider.order",
        "{\"only\": [\"alpha\", 3]}                   | provider.only",
        "{\"ignore\": [\"\"]}                         | provider.ignore",
        "{\"allow_fallbacks\": \"no\"}                | provider.allow_fallbacks",
        "{\"require_parameters\": 1}                  | provider.require_parameters",
        "{\"data_collection\": \"sometimes\"}         | provider.data_collection",
        "{\"zdr\": \"yes\"}                           | provider.zdr",
        "{\"quantizations\": [\"fp7\"]}               | provider.quantizations",
        "{\"sort\": \"cheapest\"}                     | provider.sort",
        "{\"sort\": 3}                                | provider.sort",
        "{\"sort\": {\"by\": \"size\"}}               | provider.sort.by",
        "{\"sort\": {\"by\": \"price\", \"partition\": \"all\"}} | provider.sort.partition",
        "{\"max_price\": 3}                           | provider.max_price",
        "{\"max_price\": {\"prompt\": -1}}            | provider.max_price.prompt",
        "{\"max_price\": {\"completion\": \"lots\"}}  | provider.max_price.completion",
        "{\"max_price\": {\"image\": -2}}             | provider.max_price.image",
        "{\"preferred_min_throughput\": \"fast\"}     | provider.preferred_min_throughput",
        "{\"preferred_min_throughput\": -5}           | provider.preferred_min_throughput",
        "{\"preferred_max_latency\": {}}              | provider.preferred_max_latency",
        "{\"preferred_max_latency\": {\"p50\": \"1\"}} | provider.preferred_max_latency.p50",
      })
  void badField_isA400NamingIt(String json, String param) {
    assertThatThrownBy(() -> client(json))
        .isInstanceOfSatisfying(
            GatewayError.class,
            error -> {
              assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
              assertThat(error.param()).contains(param);
              assertThat(error.safeMessage()).startsWith(param + ": ");
            });
  }

  @Test
  void notAnObject_isA400OnProvider() {
    assertThatThrownBy(() -> client("[1]"))
        .isInstanceOfSatisfying(
            GatewayError.class, error -> assertThat(error.param()).contains("provider"));
  }

  @Test
  void configProblems_nameTheirConfigPath() {
    assertThatThrownBy(
            () ->
                ProviderPreferencesParser.parse(
                    tree("{\"sort\": \"size\"}"),
                    ProviderPreferencesParser.config("routing.provider")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("routing.provider.sort: expected");
  }

  @Test
  void requestFields_overridePresetFields_oneByOne() {
    ProviderPreferences preset =
        client("{\"only\": [\"alpha\"], \"sort\": \"price\", \"zdr\": true}");
    ProviderPreferences merged = client("{\"only\": [\"beta\"], \"zdr\": false}").over(preset);
    assertThat(merged.only()).contains(Set.of("beta"));
    assertThat(merged.zdr()).contains(false);
    assertThat(merged.sort()).contains(Sort.of(Sort.By.PRICE));
  }

  @Test
  void ceiling_onlyNarrows() {
    ProviderPreferences ceiling =
        client(
            """
            {"only": ["alpha", "beta", "gamma"], "ignore": ["delta"], "data_collection": "deny",
             "zdr": true, "require_parameters": true, "allow_fallbacks": false,
             "max_price": {"prompt": 2, "completion": 3}, "quantizations": ["fp8", "bf16"]}
            """);
    ProviderPreferences wider =
        client(
                """
            {"only": ["beta", "gamma", "omega"], "ignore": ["alpha"], "data_collection": "allow",
             "zdr": false, "require_parameters": false, "allow_fallbacks": true,
             "max_price": {"prompt": 1, "completion": 10}, "quantizations": ["fp8", "fp4"],
             "order": ["gamma"]}
            """)
            .narrowedBy(ceiling);
    assertThat(wider.only()).contains(Set.of("beta", "gamma"));
    assertThat(wider.ignore()).contains(Set.of("alpha", "delta"));
    assertThat(wider.denyDataCollection()).contains(true);
    assertThat(wider.zdr()).contains(true);
    assertThat(wider.requireParameters()).contains(true);
    assertThat(wider.allowFallbacks()).contains(false);
    assertThat(wider.maxPrice())
        .isEqualTo(new MaxPrice(OptionalLong.of(1_000_000), OptionalLong.of(3_000_000)));
    assertThat(wider.quantizations()).contains(Set.of("fp8"));
    assertThat(wider.order()).contains(List.of("gamma"));
    assertThat(wider.label("only")).isEqualTo("provider.only (gateway limit)");
    assertThat(ProviderPreferences.NONE.narrowedBy(ceiling).only())
        .contains(Set.of("alpha", "beta", "gamma"));
    assertThat(client("{\"sort\": \"latency\"}").narrowedBy(ProviderPreferences.NONE).sort())
        .isEqualTo(Optional.of(Sort.of(Sort.By.LATENCY)));
  }
}
