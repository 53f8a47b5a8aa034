package dev.switchboard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.CatalogException;
import dev.switchboard.config.Config;
import dev.switchboard.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The configuration loader on any YAML text: a Config (whose catalog overrides then load) or a
 * ConfigException / CatalogException naming the field; no other exception.
 */
class ConfigFuzzTest {
  private static final Map<String, String> ENV = Map.of("PORT", "9090", "KEY", "sk-test", "E", "");

  @FuzzTest(maxDuration = "2m")
  void parseConfig(byte[] yaml) {
    Config config;
    try {
      config = Config.parse(new String(yaml, StandardCharsets.UTF_8), ENV);
    } catch (ConfigException e) {
      CleanErrors.check(e.getMessage());
      return;
    }
    try {
      Catalog.load(Catalog.shippedTree(), config.catalog());
    } catch (CatalogException e) {
      CleanErrors.check(e.getMessage());
    }
  }
}
