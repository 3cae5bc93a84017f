package io.tickwire.operations;

import io.tickwire.TickwireApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server started as an operator would, with Spring Boot's {@code logging.structured.format.console=ecs}: every
 * line is a JSON object, and each connection's open and close line carries its session, user, address and close
 * code as fields of its own. It runs in a process of its own, since logging is configured once per JVM.
 */
class StructuredLoggingTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void everyLineIsJsonAndConnectionsAreLoggedWithTheirFields() throws Exception {
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TickwireApplication.class.getName(),
                "--server.port=0", "--tickwire.feed.symbols=AAPL", "--logging.structured.format.console=ecs",
                "--logging.level.io.tickwire.websocket=debug")
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (Exception ended) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        Matcher started = PORT.matcher(next(line -> PORT.matcher(message(line)).find()).path("message").stringValue());
        assertThat(started.find()).isTrue();

        WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + started.group(1) + "/ws/ticker"), new WebSocket.Listener() { })
                .get(20, TimeUnit.SECONDS);
        client.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);

        JsonNode opened = next(line -> message(line).contains(" opened by "));
        JsonNode closed = next(line -> message(line).contains(" closed with "));
        assertThat(opened.path("log").path("level").stringValue()).isEqualTo("DEBUG");
        assertThat(opened.path("service").path("name").stringValue()).isEqualTo("tickwire");
        String session = field(opened, "session", "id");
        assertThat(session).isNotBlank();
        assertThat(field(opened, "user", "name")).isEqualTo("anonymous");
        assertThat(field(opened, "client", "address")).contains("127.0.0.1");
        assertThat(field(closed, "session", "id")).isEqualTo(session);
        assertThat(field(closed, "close", "code")).isEqualTo("1000");
        assertThat(seen).isNotEmpty().allSatisfy(line -> assertThat(JSON.readTree(line).isObject()).as(line).isTrue());
    }

    /** Skips lines until one that is wanted; every line seen must parse as JSON, or this fails. */
    private JsonNode next(Predicate<String> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                break;
            }
            seen.add(line);
            JsonNode json = JSON.readTree(line);
            if (wanted.test(line)) {
                return json;
            }
        }
        throw new AssertionError("no wanted line in:\n" + String.join("\n", seen));
    }

    private static String message(String line) {
        return JSON.readTree(line).path("message").stringValue("");
    }

    /** A key-value pair of the log event, which the formatter may write nested ({"a":{"b":…}}) or dotted ("a.b"). */
    private static String field(JsonNode event, String parent, String child) {
        JsonNode nested = event.path(parent).path(child);
        JsonNode value = nested.isMissingNode() ? event.path(parent + "." + child) : nested;
        return value.isMissingNode() ? null : value.asString();
    }
}
