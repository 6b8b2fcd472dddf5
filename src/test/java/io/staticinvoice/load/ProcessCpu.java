package io.staticinvoice.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time of a Linux process from {@code /proc/<pid>/stat}: user plus system time of all its
 * threads ({@code utime + stime}, fields 14 and 15, in clock ticks), and the machine's busy time
 * from {@code /proc/stat}. The load generator reads these before and after its measured window so
 * the server's CPU is measured in the server's own process, apart from the payers'.
 */
public final class ProcessCpu {

    private final int clockTicks;

    /** @param clockTicks the kernel's {@code CLK_TCK}, ticks per second */
    public ProcessCpu(int clockTicks) {
        this.clockTicks = clockTicks;
    }

    /** CPU time of {@code pid} in nanoseconds; empty when the process is gone or unreadable. */
    public OptionalLong cpuNanos(long pid) {
        try {
            return OptionalLong.of(parseStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code utime + stime} of a {@code /proc/<pid>/stat} line, in nanoseconds. */
    long parseStat(String stat) {
        // The command name (field 2) is in parentheses and may contain spaces: count fields after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticksToNanos(ticks);
    }

    /**
     * The machine's CPU time since boot from the first line of {@code /proc/stat}: busy (user,
     * nice, system, irq, softirq, steal) and total, in nanoseconds summed over all cores.
     */
    public MachineTime machine() {
        try {
            return parseMachine(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/stat", e);
        }
    }

    MachineTime parseMachine(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = Long.parseLong(f[5]);
        long irq = Long.parseLong(f[6]);
        long softirq = Long.parseLong(f[7]);
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        long busy = user + nice + system + irq + softirq + steal;
        return new MachineTime(ticksToNanos(busy), ticksToNanos(busy + idle + iowait));
    }

    private long ticksToNanos(long ticks) {
        return ticks * (1_000_000_000L / clockTicks);
    }

    /** Busy and total CPU time of all cores, in nanoseconds. */
    public record MachineTime(long busyNanos, long totalNanos) {
    }
}
