package io.tickwire.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a sweep runs: every target at every client count and offered rate.
 *
 * @param root the repository, holding {@code target/tickwire.jar} and {@code bench/peers/}
 * @param tickwire whether Tickwire itself is one of the targets
 * @param peers reference servers to run beside it, by directory name under {@code bench/peers/}
 * @param clients connection counts
 * @param rates offered rates: ticks per second the server should deliver over all clients
 *        ({@code clients × symbols × ticks per second per symbol})
 * @param symbols how many symbols, named S0, S1, ...
 * @param warmup time after the connections are open before measuring
 * @param duration how long each point is measured
 * @param connectRate connections the load client opens per second at most
 * @param clientThreads the load client's I/O threads
 * @param startTimeout how long a target may take to open its port
 * @param clientJvm JVM options of the load client
 * @param serverJvm JVM options of Tickwire
 * @param serverArgs extra Tickwire command-line arguments
 * @param outDir where logs and the results table go
 */
record SweepOptions(Path root, boolean tickwire, List<String> peers, List<Integer> clients, List<Long> rates,
                    int symbols, Duration warmup, Duration duration, int connectRate, int clientThreads,
                    Duration startTimeout, List<String> clientJvm, List<String> serverJvm, List<String> serverArgs,
                    Path outDir) {

    static final List<String> ALL_PEERS = List.of("ws", "ws-batch", "go", "netty");

    /** A sweep of more points than this is a typo, not a plan. */
    static final int MAX_POINTS = 200;

    SweepOptions {
        peers = List.copyOf(peers);
        clients = List.copyOf(clients);
        rates = List.copyOf(rates);
        clientJvm = List.copyOf(clientJvm);
        serverJvm = List.copyOf(serverJvm);
        serverArgs = List.copyOf(serverArgs);
        int targets = (tickwire ? 1 : 0) + peers.size();
        if (targets == 0 || clients.isEmpty() || rates.isEmpty()) {
            throw new IllegalArgumentException("nothing to run: no target, client count or rate");
        }
        if ((long) targets * clients.size() * rates.size() > MAX_POINTS) {
            throw new IllegalArgumentException("more than " + MAX_POINTS + " points");
        }
        for (int n : clients) {
            if (n < 1 || n > LoadOptions.MAX_CLIENTS) {
                throw new IllegalArgumentException("client counts must be within 1.." + LoadOptions.MAX_CLIENTS);
            }
        }
        for (long rate : rates) {
            if (rate < 1) {
                throw new IllegalArgumentException("rates must be positive");
            }
        }
        if (symbols < 1 || symbols > 1000) {
            throw new IllegalArgumentException("symbols must be within 1..1000");
        }
        for (String peer : peers) {
            if (!peer.matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalArgumentException("not a peer name: " + peer);
            }
        }
    }

    /** Ticks per second per symbol that make {@code rate} deliveries per second to {@code clients} clients. */
    double ticksPerSecondPerSymbol(int clients, long rate) {
        return (double) rate / ((double) clients * symbols);
    }

    static SweepOptions parse(String[] args, Path defaultOut) {
        Path root = Path.of(".");
        boolean tickwire = true;
        List<String> peers = List.of();
        List<Integer> clients = List.of(1000, 10_000);
        List<Long> rates = List.of(10_000L, 100_000L);
        int symbols = 10;
        Duration warmup = Duration.ofSeconds(5);
        Duration duration = Duration.ofSeconds(20);
        int connectRate = 2000;
        int clientThreads = 1;
        Duration startTimeout = Duration.ofSeconds(120);
        List<String> clientJvm = List.of("-Xms256m", "-Xmx1g", "-XX:+UseSerialGC");
        List<String> serverJvm = List.of("-XX:+ExitOnOutOfMemoryError", "-Xms1g", "-Xmx1g");
        List<String> serverArgs = new ArrayList<>();
        Path out = defaultOut;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--no-tickwire")) {
                tickwire = false;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--root" -> root = Path.of(value);
                case "--peers" -> peers = value.equals("all") ? ALL_PEERS
                        : value.isEmpty() || value.equals("none") ? List.of() : Arrays.asList(value.split(","));
                case "--clients" -> clients = Arrays.stream(value.split(",")).map(v -> (int) count(v)).toList();
                case "--rates" -> rates = Arrays.stream(value.split(",")).map(SweepOptions::count).toList();
                case "--symbols" -> symbols = Integer.parseInt(value);
                case "--warmup" -> warmup = LoadOptions.duration(value);
                case "--duration" -> duration = LoadOptions.duration(value);
                case "--connect-rate" -> connectRate = Integer.parseInt(value);
                case "--client-threads" -> clientThreads = Integer.parseInt(value);
                case "--start-timeout" -> startTimeout = LoadOptions.duration(value);
                case "--client-jvm" -> clientJvm = split(value);
                case "--server-jvm" -> serverJvm = split(value);
                case "--server-arg" -> serverArgs.add(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (duration.isZero() || duration.compareTo(LoadOptions.MAX_TIME) > 0) {
            throw new IllegalArgumentException("duration must be within 0..1h");
        }
        return new SweepOptions(root.toAbsolutePath().normalize(), tickwire, peers, clients, rates, symbols, warmup,
                duration, connectRate, clientThreads, startTimeout, clientJvm, serverJvm, serverArgs,
                out.toAbsolutePath().normalize());
    }

    /** {@code 10000}, {@code 10_000}, {@code 10k} or {@code 1.5m}. */
    static long count(String text) {
        String t = text.trim().toLowerCase().replace("_", "");
        double factor = 1;
        if (t.endsWith("k")) {
            factor = 1e3;
            t = t.substring(0, t.length() - 1);
        }
        else if (t.endsWith("m")) {
            factor = 1e6;
            t = t.substring(0, t.length() - 1);
        }
        return Math.round(Double.parseDouble(t) * factor);
    }

    private static List<String> split(String value) {
        return value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }
}
