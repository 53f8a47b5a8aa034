package dev.switchboard.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

class ScratchLookTest {
  @Test
  void look() throws Exception {
    String port = System.getProperty("look.port", "18931");
    String key = Files.readString(Path.of("/tmp/demo-d/key")).strip();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(new File("/usr/bin/chromium"));
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,2600");
    ChromeDriver b =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build(),
            options);
    try {
      b.get("http://127.0.0.1:" + port + "/");
      Thread.sleep(1000);
      b.findElement(By.id("key")).sendKeys(key);
      b.findElement(By.id("sign-in-button")).click();
      Thread.sleep(5000);
      Files.copy(
          ((TakesScreenshot) b).getScreenshotAs(OutputType.FILE).toPath(),
          Path.of("/tmp/look.png"),
          StandardCopyOption.REPLACE_EXISTING);
      b.manage().window().setSize(new Dimension(400, 3400));
      ((JavascriptExecutor) b).executeScript("window.dispatchEvent(new Event('resize'))");
      Thread.sleep(1000);
      Files.copy(
          ((TakesScreenshot) b).getScreenshotAs(OutputType.FILE).toPath(),
          Path.of("/tmp/look-phone.png"),
          StandardCopyOption.REPLACE_EXISTING);
      System.out.println("LOGS " + b.manage().logs().get("browser").getAll());
    } finally {
      b.quit();
    }
  }
}
