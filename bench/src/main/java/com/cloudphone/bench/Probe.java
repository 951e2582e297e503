package com.cloudphone.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** What both probes do at their first answer: print the marker line the driver times, then the CPU time used. */
final class Probe {
    private Probe() {
    }

    static void answered(String result) {
        System.out.println(ColdStart.MARKER + result);
        System.out.println(ColdStart.CPU + cpuMillis());
    }

    /**
     * User + system CPU time of this process so far (every thread: main, JIT compiler, GC), from /proc/self/stat
     * in 10 ms ticks; -1 where there is no /proc. Less sensitive than wall time to other load on the machine.
     */
    private static long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // utime, stime (fields 14, 15)
        } catch (Exception | Error e) {
            return -1;
        }
    }
}
