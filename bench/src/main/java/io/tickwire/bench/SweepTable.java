package io.tickwire.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The sweep's results as Markdown: one row per point, then Tickwire's ratios to each peer at the same points. */
final class SweepTable {

    /**
     * One measured point, or one that could not be measured ({@code note} says why).
     *
     * @param result the load client's {@code RESULT} fields, empty when it produced none
     * @param serverCpuPercent the target's CPU over the measuring window, percent of one core; -1 unknown
     * @param serverRssKiB the target's resident memory at the end of the window; -1 unknown
     */
    record Row(String target, int clients, long offered, Map<String, String> result, double serverCpuPercent,
               long serverRssKiB, String note) {

        static Row unmeasured(String target, int clients, long offered, String note) {
            return new Row(target, clients, offered, Map.of(), -1, -1, note);
        }

        boolean measured() {
            return result.containsKey("ticks_per_s");
        }

        double delivered() {
            return number("ticks_per_s");
        }

        double p99() {
            return number("p99_ms");
        }

        double number(String key) {
            String value = result.get(key);
            if (value == null) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(value);
            }
            catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
    }

    static final String TICKWIRE = "tickwire";

    private SweepTable() {
    }

    static String render(List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("| target | clients | offered/s | delivered/s | p50 ms | p99 ms | max ms | gaps | dups | skipped "
                + "| failed+dropped | client CPU % (I/O thread) | server CPU % | server RSS MiB | note |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.target())
                    .append(" | ").append(grouped(row.clients()))
                    .append(" | ").append(grouped(row.offered()));
            if (row.measured()) {
                md.append(" | ").append(grouped(Math.round(row.delivered())))
                        .append(" | ").append(field(row, "p50_ms"))
                        .append(" | ").append(field(row, "p99_ms"))
                        .append(" | ").append(field(row, "max_ms"))
                        .append(" | ").append(field(row, "gaps"))
                        .append(" | ").append(field(row, "duplicates"))
                        .append(" | ").append(field(row, "skipped"))
                        .append(" | ").append(Math.round(row.number("failed") + row.number("dropped")))
                        .append(" | ").append(percent(row.number("cpu_pct"))).append(" (")
                        .append(percent(row.number("io_thread_cpu_pct"))).append(')')
                        .append(" | ").append(percent(row.serverCpuPercent()))
                        .append(" | ").append(row.serverRssKiB() < 0 ? "?" : Long.toString(row.serverRssKiB() / 1024));
            }
            else {
                md.append(" | – | – | – | – | – | – | – | – | – | – | –");
            }
            md.append(" | ").append(row.note().replace('|', '/')).append(" |\n");
        }
        return md.toString();
    }

    /**
     * For each peer, at each point where both it and Tickwire were measured: delivered ticks per second of
     * Tickwire over the peer's, the peer's p99 over Tickwire's (both under 1 ms count as 1 ms), and ticks
     * delivered per server CPU-second of Tickwire over the peer's. Above 1 is Tickwire ahead in all three.
     */
    static String ratios(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        for (Row peer : rows) {
            if (peer.target().equals(TICKWIRE) || !peer.measured()) {
                continue;
            }
            for (Row tickwire : rows) {
                if (tickwire.target().equals(TICKWIRE) && tickwire.measured() && tickwire.clients() == peer.clients()
                        && tickwire.offered() == peer.offered()) {
                    lines.add("| " + peer.target() + " | " + grouped(peer.clients()) + " | " + grouped(peer.offered())
                            + " | " + ratio(tickwire.delivered(), peer.delivered())
                            + " | " + ratio(Math.max(1, peer.p99()), Math.max(1, tickwire.p99()))
                            + " | " + ratio(perCpu(tickwire), perCpu(peer)) + " |");
                }
            }
        }
        if (lines.isEmpty()) {
            return "";
        }
        return "| Tickwire vs | clients | offered/s | delivered × | p99 × (peer/Tickwire) | ticks per server CPU-s × |\n"
                + "|---|--:|--:|--:|--:|--:|\n" + String.join("\n", lines) + "\n";
    }

    private static double perCpu(Row row) {
        return row.serverCpuPercent() > 0 ? row.delivered() / (row.serverCpuPercent() / 100) : Double.NaN;
    }

    private static String ratio(double numerator, double denominator) {
        if (Double.isNaN(numerator) || Double.isNaN(denominator) || denominator <= 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", numerator / denominator);
    }

    private static String field(Row row, String key) {
        return row.result().getOrDefault(key, "?");
    }

    private static String percent(double value) {
        return value < 0 || Double.isNaN(value) ? "?" : String.format(Locale.ROOT, "%.0f", value);
    }

    static String grouped(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
