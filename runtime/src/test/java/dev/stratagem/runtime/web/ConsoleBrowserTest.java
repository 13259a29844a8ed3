package dev.stratagem.runtime.web;

import dev.stratagem.runtime.risk.RiskStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stratagem.api.CycleRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian {@code chromium} + {@code chromium-driver}, installed by
 * {@code ./stratagem test}). Each test saves a screenshot to {@code target/screenshots}; the ones the SDK
 * guide shows are copied to {@code sdk-docs/img}.
 */
class ConsoleBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();
    static final Path DOC_IMAGES = Path.of("..", "sdk-docs", "img").toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    static ConsoleFixture console;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no headless Chromium: install Debian chromium and chromium-driver (./stratagem test does)");
        console = new ConsoleFixture(dir);
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (console != null) {
            console.close();
        }
    }

    @Test
    void opens_the_demo_run_from_the_strategies_page() throws Exception {
        browser.get(console.url("/"));
        await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#runs tr[data-run='" + console.demo.runId() + "']"))).click();
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cycles tr[data-id]")));
        assertThat(browser.findElement(By.id("summary-final-equity")).getText()).startsWith("102646.0652");
        assertThat(browser.findElement(By.id("equity-chart")).getSize().getHeight()).isGreaterThan(100);
        WebElement prices = await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#price-chart[data-chart]")));
        assertThat(prices.getAttribute("data-chart")).isEqualTo("candles");
        assertThat(Integer.parseInt(prices.getAttribute("data-points"))).isGreaterThan(500);
        // The chart itself: wick and body bars with [low, high] and [open, close] ranges, then the trade markers.
        @SuppressWarnings("unchecked")
        List<String> datasets = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return Chart.getChart('price-chart').data.datasets.map(d => d.type + ' ' + d.label + ' '"
                        + " + d.data.length + ' ' + (Array.isArray(d.data[0]?.y) ? 'range' : 'point'))");
        assertThat(datasets).hasSize(4);
        assertThat(datasets.get(0)).startsWith("bar wicks ").endsWith(" range");
        assertThat(datasets.get(1)).startsWith("bar candles ").endsWith(" range");
        assertThat(datasets.get(2)).isEqualTo("scatter entry 98 point");
        assertThat(datasets.get(3)).isEqualTo("scatter exit 97 point");
        assertThat(prices.getAttribute("data-markers")).isEqualTo("195");
        assertThat(browser.findElement(By.id("price-note")).getText()).isEmpty();
        screenshot("console-run", true);
    }

    @Test
    void a_traded_cycle_shows_its_decision_accepted_verdicts_and_fill() throws Exception {
        browser.get(console.url("/run.html?run=" + console.demo.runId() + "&status=traded"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cycles tr[data-id]"))).click();
        List<WebElement> verdicts = await().until(
                ExpectedConditions.presenceOfAllElementsLocatedBy(By.cssSelector("#verdicts tr.verdict")));
        assertThat(verdicts).allSatisfy(v -> assertThat(v.getText()).contains("ACCEPTED"));
        assertThat(browser.findElement(By.id("cycle-status")).getText()).isEqualTo("TRADED");
        // next-open fills: the order is acknowledged in this cycle and filled at the next bar's open
        assertThat(browser.findElement(By.id("executions")).getText()).contains("ACCEPTED").contains("BUY");
        assertThat(browser.findElement(By.id("rationale-text")).getText()).isNotBlank();
        screenshot("console-cycle-traded", true);
    }

    @Test
    void a_rejected_cycle_shows_the_guardrail_that_said_no_and_why() throws Exception {
        browser.get(console.url("/run.html?run=" + console.guarded.runId() + "&status=rejected"));
        await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#cycles tr[data-id]"))).click();
        WebElement verdicts = await().until(ExpectedConditions.presenceOfElementLocated(By.id("verdicts")));
        await().until(ExpectedConditions.textToBePresentInElement(verdicts, "REJECTED"));
        assertThat(verdicts.getText()).contains("max-notional").contains("exceeds max order notional");
        assertThat(browser.findElement(By.id("cycle-status")).getText()).isEqualTo("REJECTED");
        screenshot("console-cycle-rejected", true);
    }

    @Test
    void a_live_cycle_arrives_in_the_open_run() throws Exception {
        String run = console.demo.runId();
        browser.get(console.url("/run.html?run=" + run));
        await().until(ExpectedConditions.attributeContains(By.id("live-dot"), "class", "on"));
        long last = console.store.lastSequence(run);
        CycleRecord template = console.store.cycle(run + "-" + last).orElseThrow();
        CycleRecord next = new CycleRecord(run + "-" + (last + 1), run, template.strategyId(), last + 1,
                template.ts() + 86_400_000L, template.status(), template.versions(), template.context(),
                template.decision(), template.verdicts(), template.txResults(), template.closedTrades(),
                template.portfolioAfter(), template.timings(), template.error());
        console.store.blockSink().writeCycles(List.of(next)); // the demo run is a backtest: its history is in blocks
        WebElement arrived = await().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#cycles tr[data-live='1'][data-id='" + next.composeId() + "']")));
        assertThat(arrived.getText()).contains(String.valueOf(last + 1));
        assertThat(browser.findElement(By.id("live-count")).getText()).containsIgnoringCase("1 live");
        screenshot("console-live", false);
    }

    @Test
    void the_kill_switch_refuses_a_wrong_token_and_engages_with_the_right_one() throws Exception {
        browser.get(console.url("/risk.html"));
        await().until(ExpectedConditions.attributeToBe(By.id("kill-state"), "data-engaged", "false"));
        browser.findElement(By.id("token")).sendKeys("not-the-token");
        browser.findElement(By.id("kill-toggle")).click();
        await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("kill-msg"), "refused (401)"));
        assertThat(new RiskStore(console.store).killSwitch().active()).isFalse();
        screenshot("console-kill-switch-refused", false);

        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys(console.token.value());
        browser.findElement(By.id("kill-reason")).sendKeys("browser test");
        browser.findElement(By.id("kill-toggle")).click();
        await().until(ExpectedConditions.attributeToBe(By.id("kill-state"), "data-engaged", "true"));
        assertThat(new RiskStore(console.store).killSwitch().active()).isTrue();
        browser.navigate().refresh();
        await().until(ExpectedConditions.presenceOfElementLocated(By.id("kill-banner")));
        screenshot("console-kill-switch", true);

        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys(console.token.value());
        browser.findElement(By.id("kill-toggle")).click();
        await().until(ExpectedConditions.attributeToBe(By.id("kill-state"), "data-engaged", "false"));
        assertThat(new RiskStore(console.store).killSwitch().active()).isFalse();
    }

    private static WebDriverWait await() {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private static void screenshot(String name, boolean forDocs) throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.createDirectories(SCREENSHOTS);
        Path saved = Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        Path doc = DOC_IMAGES.resolve(name + ".png");
        // The guide's pictures are refreshed on request, so a test run does not rewrite tracked files.
        boolean refresh = Boolean.getBoolean("stratagem.update.screenshots") || !Files.exists(doc);
        if (forDocs && refresh && Files.isDirectory(DOC_IMAGES.getParent())) {
            Files.createDirectories(DOC_IMAGES);
            Files.copy(saved, doc, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
