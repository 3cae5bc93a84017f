package io.tickwire.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU time and resident memory of a process and all its descendants, read from Linux's {@code /proc}, so that a
 * server started through a wrapper script is measured whole. A process that is gone counts as zero.
 */
final class ProcStat {

    /** Clock ticks per second in {@code /proc/<pid>/stat} (USER_HZ, 100 on every Linux this runs on). */
    static final int TICKS_PER_SECOND = 100;

    private ProcStat() {
    }

    /** User plus system CPU time of the process and its descendants, in clock ticks. */
    static long cpuTicks(ProcessHandle root) {
        long ticks = 0;
        for (ProcessHandle process : tree(root)) {
            ticks += Math.max(0, cpuTicks(read(Path.of("/proc", Long.toString(process.pid()), "stat"))));
        }
        return ticks;
    }

    /** Resident set size of the process and its descendants, in KiB. */
    static long rssKiB(ProcessHandle root) {
        long kib = 0;
        for (ProcessHandle process : tree(root)) {
            kib += Math.max(0, rssKiB(read(Path.of("/proc", Long.toString(process.pid()), "status"))));
        }
        return kib;
    }

    /** utime + stime of one {@code /proc/<pid>/stat} line, or -1; the command name may hold spaces and parentheses. */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15
        if (fields.length < 13) {
            return -1;
        }
        try {
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code VmRSS} of one {@code /proc/<pid>/status}, in KiB, or -1. */
    static long rssKiB(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                }
                catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** CPU time the whole machine spent busy (all but idle and I/O wait), over all cores, in clock ticks; -1 unknown. */
    static long machineBusyTicks() {
        return machineBusyTicks(read(Path.of("/proc/stat")));
    }

    /** Busy ticks from the first line of a {@code /proc/stat}: {@code cpu user nice system idle iowait irq softirq steal ...}. */
    static long machineBusyTicks(String stat) {
        String first = stat.lines().findFirst().orElse("");
        String[] fields = first.trim().split("\\s+");
        if (fields.length < 5 || !fields[0].equals("cpu")) {
            return -1;
        }
        long busy = 0;
        // user nice system idle iowait irq softirq steal; guest time is already inside user
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }

    static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        return all;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        }
        catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
