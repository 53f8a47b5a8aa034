package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium through chromedriver) on {@code switchboard
 * demo} with its traffic: every API the dashboard reads has data within a minute; signed in with
 * the demo key, each chart shows data, and its numbers are the API's (read before and after the
 * page reloaded, as the traffic keeps adding to them); the request log holds no prompt text.
 * Screenshots (laptop and phone widths) go to target/. Skipped, saying so, without chromium.
 */
class DashboardBrowserTest {
  private static final Duration DATA_WITHIN = Duration.ofSeconds(60);
  private static final double CENT_FRACTION = 1e-9;
  @TempDir Path dir;

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void theDashboardShowsTheDemosTrafficAsTheApiCountsIt() throws Exception {
    Optional<Path> chromium = executable("CHROMIUM", "chromium", "chromium-browser");
    Optional<Path> driverBinary = executable("CHROMEDRIVER", "chromedriver");
    Assumptions.assumeTrue(
        chromium.isPresent() && driverBinary.isPresent(),
        "chromium and chromedriver are not installed (apt-get install chromium chromium-driver;"
            + " CI installs them): the dashboard's browser test is skipped");
    try (DemoProcess demo = DemoProcess.start(dir);
        DashboardApi api = new DashboardApi(demo.port(), demo.key())) {
      assertThat(demo.output()).contains("Dashboard: http://127.0.0.1:" + demo.port() + "/");
      awaitData(api);
      WebDriver browser = browser(chromium.get(), driverBinary.get());
      try {
        signIn(browser, demo);
        checkCharts(browser, api);
        assertNoPromptText(browser);
        screenshots(browser);
      } finally {
        browser.quit();
      }
    }
  }

  /** Every endpoint the dashboard reads has data within a minute of the demo's start. */
  private static void awaitData(DashboardApi api) throws Exception {
    Instant deadline = Instant.now().plus(DATA_WITHIN);
    List<String> missing = List.of();
    while (Instant.now().isBefore(deadline)) {
      missing = missing(api);
      if (missing.isEmpty()) {
        return;
      }
      Thread.sleep(1000);
    }
    throw new AssertionError("no data after " + DATA_WITHIN + " in " + missing);
  }

  private static List<String> missing(DashboardApi api) throws Exception {
    Map<String, Boolean> has = new HashMap<>();
    for (String by : List.of("model", "author", "app", "origin")) {
      has.put("rankings by " + by, !api.rankings(by).isEmpty());
    }
    has.put("spend", !api.spend().isEmpty());
    has.put("savings", !api.savings().isEmpty());
    has.put("energy", !api.energy().isEmpty());
    has.put("health", api.healthAttempts().values().stream().anyMatch(n -> n > 0));
    has.put("requests", !api.get("/api/v1/requests").path("data").isEmpty());
    return has.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
  }

  private static WebDriver browser(Path chromium, Path driver) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,2600");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
    return new ChromeDriver(service, options);
  }

  private static void signIn(WebDriver browser, DemoProcess demo) {
    browser.get("http://127.0.0.1:" + demo.port() + "/");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(b -> b.findElement(By.id("sign-in")).isDisplayed());
    assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();
    browser.findElement(By.id("key")).sendKeys(demo.key());
    browser.findElement(By.id("sign-in-button")).click();
    wait.until(b -> b.findElement(By.id("dashboard")).isDisplayed());
    // The page sets data-rendered once its first load is drawn; until then the body has none.
    wait.until(
        b -> {
          String rendered = b.findElement(By.tagName("body")).getDomAttribute("data-rendered");
          return rendered != null && !rendered.isEmpty();
        });
    wait.until(b -> !b.findElements(By.cssSelector("#log-table tbody tr")).isEmpty());
    assertThat(browser.findElement(By.id("who")).getText()).contains("demo");
  }

  /**
   * Each chart's numbers lie between the API's before and after the page reloaded: the demo's
   * traffic only adds tokens, cost and energy, so equality at one instant cannot be asked for.
   */
  private static void checkCharts(WebDriver browser, DashboardApi api) throws Exception {
    for (String by : List.of("model", "author", "app")) {
      Map<String, Double> before = api.rankings(by);
      Map<String, Object> shown = ChartSnapshot.run(browser, "rankBy('" + by + "')");
      assertBracketed(
          "rankings by " + by, ChartSnapshot.bars(shown, "rankings", 0), before, api.rankings(by));
    }
    Map<String, Map<String, Double>> before = apiNumbers(api);
    Map<String, Object> shown = ChartSnapshot.run(browser, "refresh()");
    Map<String, Map<String, Double>> after = apiNumbers(api);
    assertBracketed(
        "origin donut",
        ChartSnapshot.pie(shown, "origin"),
        before.get("origin"),
        after.get("origin"));
    assertBracketed(
        "spend", ChartSnapshot.stacked(shown, "spend"), before.get("spend"), after.get("spend"));
    Map<String, Double> savings = ChartSnapshot.bars(shown, "savings", 0, "|paid");
    savings.putAll(ChartSnapshot.bars(shown, "savings", 1, "|baseline"));
    assertBracketed("savings", savings, before.get("savings"), after.get("savings"));
    Map<String, Double> energy = ChartSnapshot.bars(shown, "energy", 0, "|wh");
    energy.putAll(ChartSnapshot.bars(shown, "energy", 1, "|cost"));
    assertBracketed("energy", energy, before.get("energy"), after.get("energy"));
    assertBracketed(
        "health table",
        ChartSnapshot.healthTable(shown),
        before.get("health"),
        after.get("health"));
    assertThat(ChartSnapshot.axis(shown, "health"))
        .as("the health chart shows deployments the API lists")
        .isNotEmpty()
        .isSubsetOf(after.get("health").keySet());
    List<String> logged = ChartSnapshot.log(shown);
    List<String> ids = new ArrayList<>();
    api.get("/api/v1/requests?limit=500").path("data").forEach(r -> ids.add(r.path("id").asText()));
    assertThat(logged)
        .as("the live log's rows are the API's requests")
        .isNotEmpty()
        .isSubsetOf(ids);
  }

  private static Map<String, Map<String, Double>> apiNumbers(DashboardApi api) throws Exception {
    return Map.of(
        "origin", api.rankings("origin"),
        "spend", api.spend(),
        "savings", api.savings(),
        "energy", api.energy(),
        "health", api.healthAttempts());
  }

  private static void assertBracketed(
      String chart,
      Map<String, Double> shown,
      Map<String, Double> before,
      Map<String, Double> after) {
    assertThat(shown).as(chart + " shows data").isNotEmpty();
    shown.forEach(
        (name, value) -> {
          assertThat(after).as(chart + ": the API knows " + name).containsKey(name);
          assertThat(value)
              .as(chart + ": " + name + " between the API's figures before and after")
              .isBetween(
                  before.getOrDefault(name, 0.0) - CENT_FRACTION, after.get(name) + CENT_FRACTION);
        });
  }

  /** No prompt of the demo's traffic reaches the page, in any card. */
  private static void assertNoPromptText(WebDriver browser) {
    String page = browser.getPageSource();
    for (String prompt : DemoWorkload.prompts()) {
      assertThat(page).doesNotContain(prompt.substring(0, Math.min(30, prompt.length())));
    }
  }

  private static void screenshots(WebDriver browser) throws Exception {
    Path target = Path.of("target");
    Files.createDirectories(target);
    save(browser, target.resolve("dashboard.png"));
    browser.manage().window().setSize(new Dimension(400, 3400));
    ((JavascriptExecutor) browser).executeScript("window.dispatchEvent(new Event('resize'))");
    Thread.sleep(800); // ECharts redraws at the new width on its next animation frames
    save(browser, target.resolve("dashboard-phone.png"));
  }

  private static void save(WebDriver browser, Path file) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(file)).isPositive();
  }

  /**
   * The program named by environment variable {@code env}, else the first of {@code names} on PATH.
   */
  private static Optional<Path> executable(String env, String... names) {
    Optional<Path> named = Optional.ofNullable(System.getenv(env)).map(Path::of);
    if (named.isPresent()) {
      return named.filter(Files::isExecutable);
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin");
    return Stream.of(path.split(File.pathSeparator))
        .flatMap(d -> Stream.of(names).map(n -> Path.of(d, n)))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
