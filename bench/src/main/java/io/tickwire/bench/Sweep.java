package io.tickwire.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs every target (Tickwire, and the reference peers under {@code bench/peers/}) at every client count and
 * offered rate: starts the target on a free loopback port, runs the load client in its own JVM, samples the
 * target's CPU over the load client's measuring window, stops the target, and prints a Markdown table with the
 * ratios of Tickwire to each peer. Every wait is bounded; every process it starts is ended when it exits.
 */
public final class Sweep {

    private static final String LOOPBACK = "127.0.0.1";

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /** Beyond connecting, warm-up and measuring, how long a load client may take before it is killed. */
    private static final Duration CLIENT_SLACK = Duration.ofSeconds(60);

    /** A load client I/O thread this busy may be what sets the pace. */
    private static final double CLIENT_SATURATED_PERCENT = 80;

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    private final SweepOptions options;

    private final PrintWriter log;

    private Sweep(SweepOptions options, PrintWriter log) {
        this.options = options;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        SweepOptions options;
        try {
            options = SweepOptions.parse(args, Path.of("target", "bench", stamp));
        }
        catch (IllegalArgumentException e) {
            System.err.println("sweep: " + e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Sweep::stopAll, "sweep-cleanup"));
        Files.createDirectories(options.outDir());
        PrintWriter log = new PrintWriter(System.err, true);
        List<SweepTable.Row> rows = new Sweep(options, log).run();
        String report = header(options, args) + "\n" + SweepTable.render(rows) + "\n"
                + SweepTable.ratios(rows);
        Files.writeString(options.outDir().resolve("results.md"), report);
        System.out.println();
        System.out.println(report);
        log.println("results and logs: " + options.outDir());
    }

    private List<SweepTable.Row> run() {
        List<String> targets = new ArrayList<>();
        if (options.tickwire()) {
            targets.add(SweepTable.TICKWIRE);
        }
        targets.addAll(options.peers());
        List<SweepTable.Row> rows = new ArrayList<>();
        for (String target : targets) {
            String missing = missing(target);
            for (int clients : options.clients()) {
                for (long rate : options.rates()) {
                    if (missing != null) {
                        rows.add(SweepTable.Row.unmeasured(target, clients, rate, "skipped: " + missing));
                        continue;
                    }
                    log.printf("== %s, %,d clients, %,d ticks/s offered%n", target, clients, rate);
                    SweepTable.Row row = point(target, clients, rate);
                    log.println("   " + (row.measured() ? String.format(Locale.ROOT, "%,.0f delivered/s, p99 %s ms, server CPU %.0f %%",
                            row.delivered(), row.result().get("p99_ms"), row.serverCpuPercent()) : row.note()));
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** Why a target cannot run, or null. */
    private String missing(String target) {
        if (target.equals(SweepTable.TICKWIRE)) {
            return Files.isRegularFile(jar()) ? null : jar() + " not built";
        }
        Path script = options.root().resolve("bench/peers").resolve(target).resolve("run.sh");
        return Files.isRegularFile(script) ? null : "bench/peers/" + target + "/run.sh absent";
    }

    private Path jar() {
        return options.root().resolve("target/tickwire.jar");
    }

    private SweepTable.Row point(String target, int clients, long rate) {
        double perSymbol = options.ticksPerSecondPerSymbol(clients, rate);
        String name = target + "-" + clients + "-" + rate;
        Process server = null;
        Process client = null;
        try {
            int port = freePort();
            server = start(serverCommand(target, port, perSymbol), options.outDir().resolve(name + ".server.log"));
            String notReady = awaitPort(server, port, options.startTimeout());
            if (notReady != null) {
                return SweepTable.Row.unmeasured(target, clients, rate, notReady + " (see " + name + ".server.log)");
            }
            client = startClient(port, clients);
            Path clientLog = options.outDir().resolve(name + ".client.log");
            BlockingQueue<String> lines = lines(client, clientLog);
            long deadline = System.nanoTime() + clientBudget(clients).toNanos();
            WindowSample window = new WindowSample(server.toHandle(), client.toHandle());
            Map<String, String> result = Map.of();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) {
                    if (!client.isAlive() && lines.isEmpty()) {
                        break;
                    }
                    continue;
                }
                if (line.equals(EOF)) {
                    break;
                }
                if (line.equals("MEASURE START")) {
                    window.start();
                }
                else if (line.equals("MEASURE END")) {
                    window.end();
                }
                else if (line.startsWith("RESULT ")) {
                    result = LoadReport.parseResultLine(line);
                }
            }
            if (result.isEmpty()) {
                return SweepTable.Row.unmeasured(target, clients, rate, "load client gave no result (see " + name + ".client.log)");
            }
            List<String> notes = new ArrayList<>();
            if (!server.isAlive()) {
                notes.add("server died");
            }
            if (Double.parseDouble(result.getOrDefault("io_thread_cpu_pct", "0")) >= CLIENT_SATURATED_PERCENT) {
                notes.add("load client I/O thread saturated: try --client-threads 2");
            }
            if (window.otherCpu >= 0) {
                notes.add(String.format(Locale.ROOT, "other processes %.0f %% CPU", window.otherCpu));
            }
            String note = String.join("; ", notes);
            return new SweepTable.Row(target, clients, rate, result, window.serverCpu, window.serverRssKiB, note);
        }
        catch (IOException e) {
            return SweepTable.Row.unmeasured(target, clients, rate, "error: " + e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SweepTable.Row.unmeasured(target, clients, rate, "interrupted");
        }
        finally {
            stop(client);
            stop(server);
        }
    }

    /**
     * CPU over the load client's measuring window, in % of one core: of the target, and of every other process on
     * the machine (all busy CPU less the target's and the load client's), which shows whether the point is clean.
     */
    private static final class WindowSample {

        private final ProcessHandle server;

        private final ProcessHandle client;

        private long serverStart = -1;

        private long clientStart;

        private long machineStart;

        private long startNanos;

        double serverCpu = -1;

        double otherCpu = -1;

        long serverRssKiB = -1;

        WindowSample(ProcessHandle server, ProcessHandle client) {
            this.server = server;
            this.client = client;
        }

        void start() {
            serverStart = ProcStat.cpuTicks(server);
            clientStart = ProcStat.cpuTicks(client);
            machineStart = ProcStat.machineBusyTicks();
            startNanos = System.nanoTime();
        }

        void end() {
            if (serverStart < 0) {
                return;
            }
            double ticksPerPercent = (System.nanoTime() - startNanos) / 1e9 * ProcStat.TICKS_PER_SECOND / 100;
            long serverTicks = ProcStat.cpuTicks(server) - serverStart;
            long clientTicks = ProcStat.cpuTicks(client) - clientStart;
            serverCpu = serverTicks / ticksPerPercent;
            otherCpu = Math.max(0, (ProcStat.machineBusyTicks() - machineStart - serverTicks - clientTicks) / ticksPerPercent);
            serverRssKiB = ProcStat.rssKiB(server);
        }
    }

    private Duration clientBudget(int clients) {
        return LoadClient.connectBudget(clients, options.connectRate(), LoadOptions.defaults(1).connectTimeout())
                .plus(options.warmup()).plus(options.duration()).plus(CLIENT_SLACK);
    }

    private List<String> serverCommand(String target, int port, double perSymbol) {
        List<String> symbols = LoadOptions.symbolsNamed(options.symbols());
        String rate = plain(perSymbol);
        List<String> command = new ArrayList<>();
        if (target.equals(SweepTable.TICKWIRE)) {
            command.add(java());
            command.addAll(options.serverJvm());
            command.addAll(List.of("-jar", jar().toString(),
                    "--server.address=" + LOOPBACK,
                    "--server.port=" + port,
                    "--tickwire.feed.symbols=" + String.join(",", symbols),
                    "--tickwire.feed.ticks-per-second=" + rate,
                    "--tickwire.limits.max-connections=20000",
                    "--tickwire.limits.handshakes-per-second-per-address=1000000",
                    "--tickwire.limits.handshake-burst-per-address=1000000",
                    "--tickwire.websocket.heartbeat=15s",
                    "--server.tomcat.accept-count=1000"));
            command.addAll(options.serverArgs());
        }
        else {
            Path script = options.root().resolve("bench/peers").resolve(target).resolve("run.sh");
            command.addAll(List.of("bash", script.toString(), Integer.toString(port),
                    Integer.toString(options.symbols()), rate));
        }
        return command;
    }

    private Process startClient(int port, int clients) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(options.clientJvm());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadClient.class.getName(),
                "--host", LOOPBACK,
                "--port", Integer.toString(port),
                "--clients", Integer.toString(clients),
                "--symbols", Integer.toString(options.symbols()),
                "--warmup", options.warmup().toMillis() + "ms",
                "--duration", options.duration().toMillis() + "ms",
                "--connect-rate", Integer.toString(options.connectRate()),
                "--threads", Integer.toString(options.clientThreads())));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = builder.start();
        RUNNING.add(process);
        return process;
    }

    private static final String EOF = "\u0000EOF";

    /** The process's output, line by line, also copied to {@code file}; {@link #EOF} after the last line. */
    private static BlockingQueue<String> lines(Process process, Path file) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter copy = new PrintWriter(Files.newBufferedWriter(file), true)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    copy.println(line);
                    queue.add(line);
                }
            }
            catch (IOException ignored) {
                // the process is gone; what was read is in the queue
            }
            finally {
                queue.add(EOF);
            }
        }, "sweep-client-output");
        reader.setDaemon(true);
        reader.start();
        return queue;
    }

    private Process start(List<String> command, Path logFile) throws IOException {
        Files.writeString(logFile, String.join(" ", command) + "\n");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(options.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Process process = builder.start();
        RUNNING.add(process);
        return process;
    }

    /** Null once something accepts on the port, else why not. */
    private static String awaitPort(Process server, int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                return "exited with " + server.exitValue() + " before opening its port";
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
                return null;
            }
            catch (IOException e) {
                Thread.sleep(200);
            }
        }
        return "port not open within " + timeout.toSeconds() + " s";
    }

    /** A free loopback port below the ephemeral range, so it never competes with the load client's own ports. */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
                return socket.getLocalPort();
            }
            catch (IOException e) {
                // taken; try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    /** Ends the process and everything it started: politely, then by force after a grace period. */
    static void stop(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = ProcStat.tree(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            }
            catch (Exception e) {
                // forced below
            }
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        RUNNING.remove(process);
    }

    private static void stopAll() {
        for (Process process : List.copyOf(RUNNING)) {
            stop(process);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@code 1}, {@code 2.5}, {@code 0.125}: as short as exact, never in exponent form. */
    static String plain(double value) {
        return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    private static String header(SweepOptions options, String[] args) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--root")) {
                i++;
            }
            else {
                shown.add(args[i]);
            }
        }
        return String.format(Locale.ROOT, """
                ## Tickwire benchmark sweep

                - command: `bench/run %s`
                - machine: %d cores, Java %s, %s %s
                - %d symbols; offered/s = clients × symbols × ticks per second per symbol; warm-up %d s, measured %d s per point
                - latency: receive time − tick `ts`, 1 ms buckets; CPU in %% of one core over the measuring window
                """,
                String.join(" ", shown), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.version"), options.symbols(),
                options.warmup().toSeconds(), options.duration().toSeconds());
    }
}
