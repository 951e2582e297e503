package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every port the local stack opens, in its own process and in moto's, listens on loopback only: read from the
 * kernel's socket tables (Linux /proc), not from the code that binds them.
 */
class LoopbackTest {
    @Test
    void everyListeningSocketOfTheStackIsOnLoopback() throws Exception {
        try (StackProcess stack = StackProcess.start("--data", Files.createTempDirectory("loopback").toString())) {
            Set<String> inodes = new HashSet<>();
            List<ProcessHandle> processes = new ArrayList<>(stack.process.descendants().toList());
            processes.add(stack.process.toHandle());
            for (ProcessHandle p : processes) {
                inodes.addAll(socketInodes(p.pid()));
            }
            List<String> listening = new ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6")) {
                List<String> rows = Files.readAllLines(Path.of(table));
                for (String line : rows.subList(1, rows.size())) {
                    String[] f = line.trim().split("\\s+");
                    boolean listens = table.contains("udp") || f[3].equals("0A");
                    if (listens && inodes.contains(f[9])) {
                        listening.add(f[1]);
                    }
                }
            }
            // the API and moto; python3 is started by a wrapper that execs, so its socket is moto's
            assertEquals(2, listening.size(), "listening sockets: " + listening);
            for (String address : listening) {
                assertTrue(loopback(address), address + " is not a loopback address");
            }
        }
    }

    /** /proc/net/tcp writes addresses as little-endian hex words, then :port: 127.0.0.1, ::1 or ::ffff:127.0.0.1. */
    private static boolean loopback(String address) {
        String ip = address.substring(0, address.indexOf(':'));
        return ip.equals("0100007F") || ip.equals("00000000000000000000000001000000")
                || ip.equals("0000000000000000FFFF00000100007F");
    }

    private static Set<String> socketInodes(long pid) throws Exception {
        Set<String> inodes = new HashSet<>();
        Path fds = Path.of("/proc", Long.toString(pid), "fd");
        try (Stream<Path> list = Files.list(fds)) {
            for (Path fd : list.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (java.io.IOException closedMeanwhile) {
                    // an fd closed while listing
                }
            }
        }
        return inodes;
    }
}
