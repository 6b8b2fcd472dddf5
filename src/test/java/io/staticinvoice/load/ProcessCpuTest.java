package io.staticinvoice.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    private final ProcessCpu cpu = new ProcessCpu(100);

    @Test
    void sumsUserAndSystemTicksAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 56 7 8 20 0 30 0 100 "
                + "5000000 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

        assertThat(cpu.parseStat(stat)).isEqualTo((1234 + 56) * 10_000_000L);
    }

    @Test
    void machineBusyTimeLeavesOutIdleAndIowait() {
        ProcessCpu.MachineTime time = cpu.parseMachine("cpu  100 5 20 1000 7 3 2 1 0 0");

        assertThat(time.busyNanos()).isEqualTo((100 + 5 + 20 + 3 + 2 + 1) * 10_000_000L);
        assertThat(time.totalNanos()).isEqualTo((100 + 5 + 20 + 3 + 2 + 1 + 1000 + 7) * 10_000_000L);
    }

    @Test
    void readsThisProcessAndNothingForAMissingOne() {
        long self = ProcessHandle.current().pid();

        assertThat(cpu.cpuNanos(self)).isPresent();
        assertThat(cpu.cpuNanos(Long.MAX_VALUE)).isEmpty();
        assertThat(cpu.machine().busyNanos()).isPositive();
    }
}
