package org.polysim.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.polysim.engine.World;
import tools.jackson.databind.JsonNode;

/**
 * The live view as a person sees it, in headless Chromium (Debian's chromium and chromium-driver, which .ci/run
 * installs): the page loads, the map and a chart draw (pixels, not only the DOM), Step advances the world, a slider
 * changes a param, and the page survives the world being deleted. Then the MCP App path: a test host written against
 * the MCP Apps spec's host side (host.html: ui/initialize, tool-input, tool-result, tools/call over postMessage)
 * shows the page for view_world of the packaged server, and a button in it reaches the server. Screenshots of three
 * examples go to target/screenshots (README.md shows them).
 */
class ViewBrowserIT extends ServerSession {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path SHOTS = Path.of("target", "screenshots");

    private static WebDriver browser;

    @BeforeAll
    static void open() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI needs Debian's chromium and chromium-driver (.ci/run installs them)");
        }
        Assumptions.assumeTrue(present, "no /usr/bin/chromium and /usr/bin/chromedriver: apt-get install chromium "
                + "chromium-driver");
        start();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1200,1300", "--user-data-dir=" + Files.createTempDirectory("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
        stop();
    }

    @Test
    void thePageDrawsTheWorldStepsItChangesAParamAndOutlivesIt() throws Exception {
        ServerState state = inMemory("view");
        state.worlds.put(World.load(EXAMPLES.resolve("wolf-sheep/world.yaml")), false);
        try (ViewServer view = ViewServer.start(state, 0)) {
            browser.get(view.url("wolf-sheep").toString());
            waitFor(() -> text("clock").startsWith("tick 0"), "the first frame");
            waitFor(() -> coloured(element("map")) > 500, "the map's entities and grass");
            String world = "wolf-sheep";

            element("step").click(); // five ticks a step by default
            waitFor(() -> text("clock").startsWith("tick 5"), "the step");
            assertThat(state.worlds.find(world).tick()).isEqualTo(5);
            waitFor(() -> coloured(element("chart")) > 200, "the metric chart's lines");

            // a click on an entity shows its state and its last update
            @SuppressWarnings("unchecked")
            Map<String, Number> spot = (Map<String, Number>) ((JavascriptExecutor) browser).executeScript(
                    "const p = points.find((q) => q.px !== undefined); const cv = document.getElementById('map');"
                    + " const r = cv.getBoundingClientRect(); return {x: p.px * r.width / cv.width - r.width / 2,"
                    + " y: p.py * r.height / cv.height - r.height / 2};");
            new org.openqa.selenium.interactions.Actions(browser).moveToElement(element("map"),
                    spot.get("x").intValue(), spot.get("y").intValue()).click().perform();
            waitFor(() -> text("entity").contains("energy") && text("entity").contains("last update"),
                    "the clicked entity's state and trace");

            String param = firstNumericParam(state.worlds.find(world));
            double before = state.worlds.find(world).snapshotParams().path(param).asDouble();
            double after = before == 0 ? 1 : before * 2;
            // the slider's right end is twice the param's value: moved there as a person would, it sets that
            WebElement slider = browser.findElement(By.cssSelector("[data-range='" + param + "']"));
            slider.sendKeys(org.openqa.selenium.Keys.END);
            waitFor(() -> state.worlds.find(world).snapshotParams().path(param).asDouble() == after,
                    "the param set by its slider");

            state.worlds.locked(world, () -> {
                state.worlds.remove(world);
                return null;
            });
            waitFor(() -> text("clock").contains("no worlds yet") || text("clock").contains("gone"),
                    "the page noticing the world is gone");
            assertThat(text("error")).doesNotContain("TypeError");
        }
    }

    @Test
    void aThreeDWorldIsShownOneDepthSliceAtATime() throws Exception {
        ServerState state = inMemory("3d");
        World w = World.load(EXAMPLES.resolve("boids-3d/world.yaml"));
        state.worlds.put(w, false);
        try (ViewServer view = ViewServer.start(state, 0)) {
            browser.get(view.url(w.name()).toString());
            waitFor(() -> text("clock").startsWith("tick 0"), "the 3D world's frame");
            assertThat(element("sliceBox").isDisplayed()).isTrue();
            int[] drawn = new int[10];
            for (int slice = 0; slice < drawn.length; slice++) {
                ((JavascriptExecutor) browser).executeScript("const s = document.getElementById('slice');"
                        + " s.value = arguments[0]; s.dispatchEvent(new Event('input'));", slice);
                drawn[slice] = coloured(element("map"));
            }
            // the boids spread over the depth: more than one slice shows some of them
            assertThat(java.util.Arrays.stream(drawn).filter(n -> n > 0).count()).isGreaterThan(1);
        }
    }

    @Test
    void aNetworkIsDrawnAsItsGraphColouredByAField() throws Exception {
        ServerState state = inMemory("net");
        World w = World.load(EXAMPLES.resolve("voter-model/world.yaml"));
        w.advance(20);
        state.worlds.put(w, true);
        try (ViewServer view = ViewServer.start(state, 0)) {
            browser.get(view.url(w.name()) + "&color_by=opinion");
            waitFor(() -> text("clock").startsWith("tick 20"), "the voters' frame");
            // 32 voters in two colours, their links in grey under them
            waitFor(() -> coloured(element("map")) > 300, "the graph's nodes");
            assertThat(element("tableBox").isDisplayed()).isFalse();
            assertThat(text("legend")).contains("opinion = A", "opinion = B");
            Files.write(SHOTS.resolve("voter-model.png"), screenshot());
        }
    }

    @Test
    void screenshotsOfThreeExamples() throws Exception {
        ServerState state = inMemory("shots");
        Map<String, String> examples = Map.of("wolf-sheep", "wolf-sheep/world.yaml", "schelling",
                "schelling/world.yaml", "sir-epidemic", "sir-epidemic/world.yaml");
        Map<String, String> colorBy = Map.of("schelling", "&color_by=group"); // its two groups, one script
        try (ViewServer view = ViewServer.start(state, 0)) {
            for (var e : examples.entrySet()) {
                World w = World.load(EXAMPLES.resolve(e.getValue()));
                w.advance(30);
                state.worlds.put(w, true);
                browser.get(view.url(w.name()) + colorBy.getOrDefault(e.getKey(), ""));
                waitFor(() -> text("clock").startsWith("tick 30"), e.getKey() + "'s frame");
                boolean spatial = w.space().isPresent(); // a world without space is a table of its entities
                waitFor(() -> (spatial ? coloured(element("map")) > 300 : element("tableBox").isDisplayed())
                        && coloured(element("chart")) > 100, e.getKey() + " drawn");
                Files.write(SHOTS.resolve(e.getKey() + ".png"), screenshot());
            }
        }
    }

    /**
     * A host of our own, written against the MCP Apps spec's host side (test resource host.html): it reads the
     * view's page from the packaged server ({@code resources/read ui://polysim/view}), runs it in a sandboxed
     * iframe, answers ui/initialize, sends view_world's result, and forwards the page's tools/call to the server.
     */
    @Test
    void asAnMcpAppTheToolResultReachesThePageAndItsButtonReachesTheServer() throws Exception {
        ok("create_world", Map.of("example", "schelling", "name", "app-world"));
        String page = ((McpSchema.TextResourceContents) client.readResource(
                new McpSchema.ReadResourceRequest(ViewTools.URI)).contents().getFirst()).text();
        String host = new String(ViewBrowserIT.class.getResourceAsStream("host.html").readAllBytes(),
                StandardCharsets.UTF_8);
        HttpServer hostServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hostServer.createContext("/", x -> {
            try (x) {
                byte[] body;
                if (x.getRequestURI().getPath().equals("/tools/call")) { // the host's connection to the server
                    JsonNode call = Json.MAPPER.readTree(x.getRequestBody().readAllBytes());
                    @SuppressWarnings("unchecked")
                    Map<String, Object> args = Json.MAPPER.convertValue(call.path("arguments"), Map.class);
                    body = Json.MAPPER.writeValueAsBytes(client.callTool(new McpSchema.CallToolRequest(
                            call.path("name").asString(), args)));
                } else if (x.getRequestURI().getPath().equals("/view.html")) {
                    body = page.getBytes(StandardCharsets.UTF_8);
                } else {
                    body = host.getBytes(StandardCharsets.UTF_8);
                }
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
            }
        });
        hostServer.start();
        try {
            browser.get("http://127.0.0.1:" + hostServer.getAddress().getPort() + "/?world=app-world");
            waitFor(() -> text("host-status").contains("initialized"), "the view's ui/initialize");
            Rectangle frame = element("app").getRect();
            browser.switchTo().frame("app");
            waitFor(() -> text("clock").startsWith("tick 0"), "the tool result in the view");
            waitFor(() -> coloured(element("map"), frame.x, frame.y) > 300, "the map in the app");
            element("step").click();
            waitFor(() -> text("clock").startsWith("tick 5"), "the step through the host");
            browser.switchTo().defaultContent();
            JsonNode state = Json.MAPPER.valueToTree(ok("get_world_state", Map.of("world_name", "app-world"))
                    .structuredContent());
            assertThat(state.path("tick").asLong()).isEqualTo(5);
            assertThat(text("host-log")).contains("tools/call view_world", "tools/call advance_simulation");
        } finally {
            hostServer.stop(0);
        }
    }

    /** A server's state that keeps its worlds in memory, answering the browser's larger frames. */
    private static ServerState inMemory(String name) throws java.io.IOException {
        return ServerState.inMemory(Files.createTempDirectory(name), ViewServer.RESPONSE_BYTES);
    }

    private static String firstNumericParam(World w) {
        var it = w.snapshotParams().properties().iterator();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getValue().isNumber()) {
                return e.getKey();
            }
        }
        throw new AssertionError("no numeric param in " + w.name());
    }

    private static WebElement element(String id) {
        return browser.findElement(By.id(id));
    }

    private static String text(String id) {
        return element(id).getText();
    }

    private static byte[] screenshot() {
        return ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    }

    /**
     * Pixels of {@code canvas} in a screenshot that are neither its background (#f6f7f9) nor white nor grey: what
     * was drawn in colour.
     */
    private static int coloured(WebElement canvas) {
        return coloured(canvas, 0, 0);
    }

    /** As {@link #coloured(WebElement)}, for a canvas in a frame at ({@code dx}, {@code dy}) of the page. */
    private static int coloured(WebElement canvas, int dx, int dy) {
        try {
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(screenshot()));
            Rectangle r = canvas.getRect();
            int count = 0;
            for (int y = dy + r.y; y < Math.min(shot.getHeight(), dy + r.y + r.height); y++) {
                for (int x = dx + r.x; x < Math.min(shot.getWidth(), dx + r.x + r.width); x++) {
                    int rgb = shot.getRGB(x, y);
                    int red = rgb >> 16 & 0xff;
                    int green = rgb >> 8 & 0xff;
                    int blue = rgb & 0xff;
                    if (Math.max(red, Math.max(green, blue)) - Math.min(red, Math.min(green, blue)) > 40) {
                        count++;
                    }
                }
            }
            return count;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void waitFor(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // the element is not there yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; page says: clock '" + safe("clock")
                + "', error '" + safe("error") + "'");
    }

    private static String safe(String id) {
        try {
            return text(id);
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
