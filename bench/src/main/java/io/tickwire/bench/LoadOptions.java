package io.tickwire.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one load run does. Every count and time is bounded, and the target must be a loopback address.
 *
 * @param host the server; must resolve to a loopback address
 * @param port the server's port
 * @param path the WebSocket endpoint
 * @param clients connections to open
 * @param symbols symbols to subscribe to on every connection; empty sends no subscribe
 * @param warmup time between the last connection opening and the start of measuring
 * @param duration how long to measure
 * @param connectRate most connections opened per second
 * @param maxInFlight most connections opened but not yet upgraded at once
 * @param connectTimeout a connection not upgraded within this is a failure
 * @param threads I/O threads, each with its own selector
 * @param portsPerAddress connections per local source address before the next of 127.0.0.1, 127.0.0.2, ... is used;
 *        the kernel has about 28,000 ephemeral ports per address
 */
record LoadOptions(String host, int port, String path, int clients, List<String> symbols, Duration warmup,
                   Duration duration, int connectRate, int maxInFlight, Duration connectTimeout, int threads,
                   int portsPerAddress) {

    static final int MAX_CLIENTS = 1_000_000;

    static final Duration MAX_TIME = Duration.ofHours(1);

    LoadOptions {
        symbols = List.copyOf(symbols);
        check(port >= 1 && port <= 65535, "port must be within 1..65535");
        check(clients >= 1 && clients <= MAX_CLIENTS, "clients must be within 1.." + MAX_CLIENTS);
        check(connectRate >= 1, "connect-rate must be positive");
        check(maxInFlight >= 1, "max-in-flight must be positive");
        check(threads >= 1 && threads <= 16, "threads must be within 1..16");
        check(portsPerAddress >= 1 && portsPerAddress <= 60_000, "ports-per-address must be within 1..60000");
        for (Duration d : List.of(warmup, duration, connectTimeout)) {
            check(!d.isNegative() && d.compareTo(MAX_TIME) <= 0, "times must be within 0..1h");
        }
        check(!duration.isZero() && !connectTimeout.isZero(), "duration and connect-timeout must be positive");
    }

    static LoadOptions defaults(int port) {
        return new LoadOptions("127.0.0.1", port, "/ws/ticker", 1000, symbolsNamed(10), Duration.ofSeconds(5),
                Duration.ofSeconds(20), 2000, 200, Duration.ofSeconds(10), 1, 25_000);
    }

    /** S0, S1, ... as the benchmark's feeds name them. */
    static List<String> symbolsNamed(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add("S" + i);
        }
        return names;
    }

    LoadOptions withClients(int clients) {
        return new LoadOptions(host, port, path, clients, symbols, warmup, duration, connectRate, maxInFlight,
                connectTimeout, threads, portsPerAddress);
    }

    /** The server's address, refused unless it is on this machine's loopback. */
    InetAddress target() throws UnknownHostException {
        InetAddress address = InetAddress.getByName(host);
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the benchmark only targets loopback addresses, not " + address);
        }
        return address;
    }

    /** Source addresses to spread connections over, or an empty list to let the kernel choose. */
    List<InetAddress> localAddresses() throws UnknownHostException {
        int count = (clients + portsPerAddress - 1) / portsPerAddress;
        if (count <= 1) {
            return List.of();
        }
        check(count <= 250, "too many source addresses needed; raise ports-per-address");
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            addresses.add(InetAddress.getByAddress(new byte[] { 127, 0, 0, (byte) i }));
        }
        return addresses;
    }

    static LoadOptions parse(String[] args) {
        LoadOptions o = defaults(8080);
        String host = o.host;
        int port = -1;
        String path = o.path;
        int clients = o.clients;
        List<String> symbols = o.symbols;
        Duration warmup = o.warmup;
        Duration duration = o.duration;
        int connectRate = o.connectRate;
        int maxInFlight = o.maxInFlight;
        Duration connectTimeout = o.connectTimeout;
        int threads = o.threads;
        int portsPerAddress = o.portsPerAddress;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--path" -> path = value;
                case "--clients" -> clients = Integer.parseInt(value);
                case "--symbols" -> symbols = value.matches("\\d+") ? symbolsNamed(Integer.parseInt(value))
                        : value.isEmpty() ? List.of() : Arrays.asList(value.split(","));
                case "--warmup" -> warmup = duration(value);
                case "--duration" -> duration = duration(value);
                case "--connect-rate" -> connectRate = Integer.parseInt(value);
                case "--max-in-flight" -> maxInFlight = Integer.parseInt(value);
                case "--connect-timeout" -> connectTimeout = duration(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--ports-per-address" -> portsPerAddress = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        check(port > 0, "--port is required");
        return new LoadOptions(host, port, path, clients, symbols, warmup, duration, connectRate, maxInFlight,
                connectTimeout, threads, portsPerAddress);
    }

    /** {@code 20s}, {@code 500ms}, {@code 2m}, or a plain number of seconds. */
    static Duration duration(String text) {
        String t = text.trim();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(t) * 1000));
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
