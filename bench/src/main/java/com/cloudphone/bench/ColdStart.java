package com.cloudphone.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the cold-start probes, each sample in a fresh JVM, alternating bare / add-user, and prints median and p90
 * of each and the ratio add-user / bare. One clock for both: wall time from just before the process is spawned
 * to the moment its marker line ({@value #MARKER}...) arrives on the pipe, so JVM boot counts too. Each probe
 * also reports the CPU time its process had used by then, which other load on the machine disturbs less.
 * The environment (endpoints, table, key, bus) is inherited from bench/cold-start.sh; the table must be fresh,
 * as the add-user samples are numbered from 1.
 *
 * <p>Usage: {@code ColdStart <samples> <warm-ups> <probe classpath> <jvm flags...>}
 */
public final class ColdStart {
    static final String MARKER = "PROBE ";
    static final String CPU = "CPU ";

    private ColdStart() {
    }

    record Sample(long wallMs, long cpuMs) {
    }

    public static void main(String[] args) throws Exception {
        int samples = Integer.parseInt(args[0]);
        int warmups = Integer.parseInt(args[1]);
        String classpath = args[2];
        List<String> jvmFlags = List.of(args).subList(3, args.length);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";

        int unique = 0;
        for (int i = 0; i < warmups; i++) { // unmeasured: page cache, the emulators' own warm-up
            run(java, jvmFlags, classpath, "BareGetItem", "found");
            run(java, jvmFlags, classpath, "AddUserProbe", "201", Integer.toString(++unique));
        }
        List<Sample> bare = new ArrayList<>();
        List<Sample> addUser = new ArrayList<>();
        System.out.printf("%-7s %13s %13s %17s %17s%n", "sample", "bare wall ms", "bare cpu ms", "add-user wall ms",
                "add-user cpu ms");
        for (int i = 0; i < samples; i++) {
            Sample b = run(java, jvmFlags, classpath, "BareGetItem", "found");
            Sample a = run(java, jvmFlags, classpath, "AddUserProbe", "201", Integer.toString(++unique));
            bare.add(b);
            addUser.add(a);
            System.out.printf("%-7d %13d %13d %17d %17d%n", i + 1, b.wallMs(), b.cpuMs(), a.wallMs(), a.cpuMs());
        }
        long[] bareWall = bare.stream().mapToLong(Sample::wallMs).toArray();
        long[] addWall = addUser.stream().mapToLong(Sample::wallMs).toArray();
        long[] bareCpu = bare.stream().mapToLong(Sample::cpuMs).toArray();
        long[] addCpu = addUser.stream().mapToLong(Sample::cpuMs).toArray();
        System.out.println();
        System.out.printf("bare GetItem, wall: median %d ms, p90 %d ms (cpu: median %d ms)%n",
                median(bareWall), p90(bareWall), median(bareCpu));
        System.out.printf("add-user,     wall: median %d ms, p90 %d ms (cpu: median %d ms)%n",
                median(addWall), p90(addWall), median(addCpu));
        System.out.printf("ratio add-user/bare, wall: %.2f (medians), %.2f (p90s); cpu: %.2f (medians); target <= 1.5%n",
                (double) median(addWall) / median(bareWall), (double) p90(addWall) / p90(bareWall),
                (double) median(addCpu) / median(bareCpu));
    }

    /** Spawns one probe and times its marker line; fails unless the marker says {@code expected}. */
    private static Sample run(String java, List<String> jvmFlags, String classpath, String probe, String expected,
                              String... probeArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classpath, "com.cloudphone.bench." + probe));
        command.addAll(Arrays.asList(probeArgs));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        List<String> output = new ArrayList<>();
        long started = System.nanoTime();
        Process process = builder.start();
        long wall = -1;
        long cpu = -1;
        String marker = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (marker == null && line.startsWith(MARKER)) {
                    wall = (System.nanoTime() - started) / 1_000_000;
                    marker = line.substring(MARKER.length());
                } else if (line.startsWith(CPU)) {
                    cpu = Long.parseLong(line.substring(CPU.length()));
                }
                output.add(line);
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || !expected.equals(marker)) {
            throw new IllegalStateException(probe + " failed (exit " + exit + ", marker " + marker + "):\n"
                    + String.join("\n", output));
        }
        return new Sample(wall, cpu);
    }

    static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : Math.round((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0);
    }

    /** Nearest-rank 90th percentile. */
    static long p90(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(0.9 * sorted.length) - 1];
    }
}
