package io.tickwire.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A real {@code redis-server} on a free port, without persistence, that a test can stop and start again on the
 * same port. Starting fails loudly when Redis is missing: a test that needs Redis must never pass by skipping.
 * The binary is {@code redis-server} from the PATH, or {@code $REDIS_SERVER}.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final String executable;
    private final int port;
    private final Path dir;
    private Process process;
    private boolean paused;

    private RedisServer(String executable, int port, Path dir) {
        this.executable = executable;
        this.port = port;
        this.dir = dir;
    }

    public static RedisServer start() {
        String executable = System.getenv().getOrDefault("REDIS_SERVER", "redis-server");
        return start(executable);
    }

    public static RedisServer start(String executable) {
        try {
            RedisServer server = new RedisServer(executable, freePort(), Files.createTempDirectory("redis-"));
            server.start0();
            return server;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the server again on the same port, empty: nothing survives a restart without persistence. */
    public void restart() {
        stop();
        start0();
    }

    public void stop() {
        if (process != null) {
            if (paused) {
                resume();
            }
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
    }

    /** Stops the process without closing anything: connections stay open and nothing answers them. */
    public void pause() {
        signal("-STOP");
        paused = true;
    }

    /** Lets a paused server go on, with its data, answering what waited. */
    public void resume() {
        signal("-CONT");
        paused = false;
    }

    private void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " exited with " + exit);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Sends one command and answers the first line of the reply, e.g. {@code +OK} or {@code :3}, or for a bulk
     * string its value ({@code null} for none).
     */
    public String command(String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                request.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg).append("\r\n");
            }
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line = reply.readLine();
            if (line != null && line.startsWith("$")) {
                return line.equals("$-1") ? null : reply.readLine();
            }
            return line;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void start0() {
        List<String> command = List.of(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString());
        Path log = dir.resolve("redis.log");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException ex) {
            throw new IllegalStateException("cannot start " + executable + " (install redis-server, or set REDIS_SERVER): "
                    + ex.getMessage(), ex);
        }
        try {
            await().atMost(STARTUP).pollInterval(Duration.ofMillis(20))
                    .failFast("redis-server exited", () -> !process.isAlive())
                    .until(this::answersPing);
        } catch (RuntimeException ex) {
            stop();
            throw new IllegalStateException("redis-server did not answer PING on port " + port + ":\n" + read(log), ex);
        }
    }

    private boolean answersPing() {
        try {
            return "+PONG".equals(command("PING"));
        } catch (UncheckedIOException ex) {
            return false;
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
