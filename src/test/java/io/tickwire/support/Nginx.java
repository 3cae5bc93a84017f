package io.tickwire.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A real nginx running a configuration file of the project with its ports replaced, under a temporary prefix.
 * Fails loudly when nginx is missing: the binary is {@code $NGINX}, {@code nginx} from the PATH, or
 * {@code /usr/sbin/nginx}.
 */
public final class Nginx implements AutoCloseable {

    private final Process process;

    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param config the configuration, which must listen on {@code 127.0.0.1:8080}
     * @param replacements text to replace in it, e.g. upstream addresses
     */
    public static Nginx start(Path config, Map<String, String> replacements) {
        try {
            int port = freePort();
            Path prefix = Files.createTempDirectory("nginx-");
            String text = Files.readString(config).replace("127.0.0.1:8080;", "127.0.0.1:" + port + ";");
            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                text = text.replace(replacement.getKey(), replacement.getValue());
            }
            Path file = prefix.resolve("nginx.conf");
            Files.writeString(file, text);
            Process process = new ProcessBuilder(executable(), "-p", prefix.toString(), "-c", file.toString())
                    .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.log").toFile()).start();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .failFast("nginx exited: " + prefix.resolve("nginx.log"), () -> !process.isAlive())
                    .until(() -> accepts(port));
            return new Nginx(process, port);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static String executable() {
        String configured = System.getenv("NGINX");
        if (configured != null) {
            return configured;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "nginx"))) {
                return Path.of(dir, "nginx").toString();
            }
        }
        if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            return "/usr/sbin/nginx";
        }
        throw new IllegalStateException("nginx not found (install nginx-light, or set NGINX)");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
