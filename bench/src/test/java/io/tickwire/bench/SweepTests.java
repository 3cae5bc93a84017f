package io.tickwire.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SweepTests {

    @Test
    void offeredRateIsClientsTimesSymbolsTimesPerSymbolRate() {
        SweepOptions options = SweepOptions.parse(new String[] { "--symbols", "10" }, Path.of("out"));
        assertThat(options.ticksPerSecondPerSymbol(1000, 10_000)).isEqualTo(1.0);
        assertThat(options.ticksPerSecondPerSymbol(10_000, 100_000)).isEqualTo(1.0);
        assertThat(options.ticksPerSecondPerSymbol(10_000, 1_000_000)).isEqualTo(10.0);
        assertThat(options.ticksPerSecondPerSymbol(1000, 25_000)).isEqualTo(2.5);
        assertThat(Sweep.plain(2.5)).isEqualTo("2.5");
        assertThat(Sweep.plain(10.0)).isEqualTo("10");
        assertThat(Sweep.plain(0.0001)).isEqualTo("0.0001");
    }

    @Test
    void parsesTheDocumentedCommandLine() {
        SweepOptions options = SweepOptions.parse(new String[] { "--peers", "ws,go", "--clients", "1000,10k",
                "--rates", "10_000,1.5m", "--duration", "20s", "--symbols", "10" }, Path.of("out"));
        assertThat(options.tickwire()).isTrue();
        assertThat(options.peers()).containsExactly("ws", "go");
        assertThat(options.clients()).containsExactly(1000, 10_000);
        assertThat(options.rates()).containsExactly(10_000L, 1_500_000L);
        assertThat(options.duration().toSeconds()).isEqualTo(20);
        assertThat(SweepOptions.parse(new String[] { "--peers", "all" }, Path.of("o")).peers())
                .containsExactly("ws", "ws-batch", "go", "netty");
    }

    @Test
    void refusesSweepsThatCannotBeMeantOrThatEscapeThePeersDirectory() {
        assertThatIllegalArgumentException().isThrownBy(() -> SweepOptions.parse(new String[] { "--peers", "../x" }, Path.of("o")));
        assertThatIllegalArgumentException().isThrownBy(() -> SweepOptions.parse(new String[] { "--no-tickwire" }, Path.of("o")));
        assertThatIllegalArgumentException().isThrownBy(() -> SweepOptions.parse(new String[] { "--rates", "0" }, Path.of("o")));
        assertThatIllegalArgumentException().isThrownBy(() -> SweepOptions.parse(new String[] { "--duration" }, Path.of("o")));
        assertThatIllegalArgumentException().isThrownBy(() -> SweepOptions.parse(new String[] { "--bogus", "1" }, Path.of("o")));
    }

    @Test
    void readsCpuAndMemoryFromProc() {
        String stat = "4242 (java (tick) x) S 1 4242 4242 0 -1 4194304 9000 0 0 0 1234 567 0 0 20 0 40 0 100 0 0";
        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(1234 + 567);
        assertThat(ProcStat.cpuTicks("garbage")).isEqualTo(-1);
        assertThat(ProcStat.rssKiB("Name:\tjava\nVmPeak:\t 9 kB\nVmRSS:\t  524288 kB\nThreads: 40\n")).isEqualTo(524288);
        assertThat(ProcStat.rssKiB("Name:\tzombie\n")).isEqualTo(-1);
        assertThat(ProcStat.machineBusyTicks("cpu  100 5 50 1000 20 3 2 1 0 0\ncpu0 50 2 25 500 10 1 1 0 0 0\n"))
                .isEqualTo(100 + 5 + 50 + 3 + 2 + 1);
        assertThat(ProcStat.machineBusyTicks("")).isEqualTo(-1);
        assertThat(ProcStat.machineBusyTicks()).isPositive();
        assertThat(ProcStat.cpuTicks(ProcessHandle.current())).isPositive();
        assertThat(ProcStat.rssKiB(ProcessHandle.current())).isPositive();
    }

    @Test
    void tableShowsEveryPointAndRatiosAtMatchingPoints() {
        Map<String, String> tickwire = LoadReport.parseResultLine("RESULT ticks_per_s=400000 p50_ms=3 p99_ms=20 max_ms=90 "
                + "gaps=0 duplicates=0 skipped=12 failed=0 dropped=0 cpu_pct=55.0 io_thread_cpu_pct=30.2");
        Map<String, String> ws = LoadReport.parseResultLine("RESULT ticks_per_s=100000 p50_ms=50 p99_ms=140 max_ms=300 "
                + "gaps=0 duplicates=0 skipped=0 failed=1 dropped=2 cpu_pct=60.0");
        List<SweepTable.Row> rows = List.of(
                new SweepTable.Row("tickwire", 10_000, 100_000, tickwire, 100, 512 * 1024, ""),
                new SweepTable.Row("ws", 10_000, 100_000, ws, 100, 256 * 1024, ""),
                SweepTable.Row.unmeasured("go", 10_000, 100_000, "skipped: bench/peers/go/run.sh absent"));
        String table = SweepTable.render(rows);
        assertThat(table.lines()).hasSize(5);
        assertThat(table).contains("| tickwire | 10,000 | 100,000 | 400,000 | 3 | 20 | 90 | 0 | 0 | 12 | 0 | 55 (30) | 100 | 512 |")
                .contains("| ws | 10,000 | 100,000 | 100,000 | 50 | 140 | 300 | 0 | 0 | 0 | 3 | 60 (?) | 100 | 256 |")
                .contains("| go | 10,000 | 100,000 | – |").contains("skipped: bench/peers/go/run.sh absent");
        String ratios = SweepTable.ratios(rows);
        assertThat(ratios.lines()).hasSize(3);
        assertThat(ratios).contains("| ws | 10,000 | 100,000 | 4.00 | 7.00 | 4.00 |");
    }

    @Test
    void noRatiosWithoutAPeer() {
        Map<String, String> result = LoadReport.parseResultLine("RESULT ticks_per_s=1 p99_ms=0");
        assertThat(SweepTable.ratios(List.of(new SweepTable.Row("tickwire", 1, 1, result, 1, 1, "")))).isEmpty();
    }

    @Test
    void resultLineRoundTrips() {
        LoadReport report = new LoadReport(10, 9, 1, "(HTTP 503 x1)", 0, "", 1.5, 10, 1000, 100, 50_000,
                new LoadReport.Latency(1, 2, 3, 4, 5, 1.25, 1000), 1200, 0, 0, 0, 7, 0, 0, 0, 12.5, 8);
        Map<String, String> fields = LoadReport.parseResultLine(report.resultLine());
        assertThat(fields).containsEntry("ticks_per_s", "100").containsEntry("p99_ms", "3")
                .containsEntry("failures", "(HTTP_503_x1)").containsEntry("drops", "-")
                .containsEntry("skipped", "7").containsEntry("cpu_pct", "12.5");
        assertThat(report.correct()).isFalse();
    }
}
