package com.cloudphone.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's two curl sessions, run with bash as a reader would paste them, twice on one started stack. Each
 * comment in front of {@code call} lines states the status code those calls answer and words their answers
 * hold (codes in capitals such as USER_HAS_DEPENDENCIES, event types such as UserAdded, "field":"VALUE" pairs):
 * the test holds every comment to what is printed. Ctrl-C then stops the stack with a waiting workflow in it.
 */
class ReadmeSessionsTest {
    static final List<String> SECTIONS = List.of("## A first session with curl", "## Taking a user out");
    private static final Pattern STATUS = Pattern.compile(": (\\d{3})\\b");
    private static final Pattern WORD = Pattern.compile("\"\\w+\":\"[A-Z_]+\"|\\b[A-Z][A-Z_]{3,}\\b|\\b[A-Z][a-z]+[A-Z]\\w*\\b");

    /** What one comment promises for the calls after it. */
    record Promise(String comment, String status, List<String> words) {
    }

    @Test
    void bothSessionsRunTwiceAndPrintWhatTheirCommentsSay() throws Exception {
        String readme = Files.readString(LocalStack.projectRoot().resolve("README.md"));
        StringBuilder script = new StringBuilder("set -eu\n");
        List<Promise> promises = new ArrayList<>();
        for (String heading : SECTIONS) {
            String block = shBlock(readme, heading);
            script.append(block).append('\n');
            promises.addAll(promises(block));
        }
        assertTrue(promises.size() >= 20, "calls found: " + promises.size());

        try (StackProcess stack = StackProcess.start()) {
            Path file = Files.createTempFile("readme-sessions", ".sh");
            Files.writeString(file, script.toString().replace("http://127.0.0.1:3000", stack.url().toString()));
            for (int run = 1; run <= 2; run++) {
                Process bash = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).start();
                String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(bash.waitFor(120, TimeUnit.SECONDS), "run " + run + " did not finish:\n" + out);
                assertEquals(0, bash.exitValue(), "run " + run + ":\n" + out);
                List<String> printed = out.lines().toList();
                assertEquals(promises.size(), printed.size(), "one printed line per call, run " + run + ":\n" + out);
                for (int i = 0; i < promises.size(); i++) {
                    Promise p = promises.get(i);
                    String line = printed.get(i);
                    assertTrue(line.startsWith(p.status() + " "), "run " + run + ", '" + p.comment() + "' but:\n" + line);
                    for (String word : p.words()) {
                        assertTrue(line.contains(word), "run " + run + ", '" + p.comment() + "': no " + word + " in\n" + line);
                    }
                }
            }
            stack.signal("INT");
            String log = stack.output();
            assertTrue(log.strip().endsWith("local stack stopped (in-memory data discarded)"), log);
            assertFalse(log.contains("ABORTED") || log.contains("Crash"), "a waiting workflow logged as a crash:\n" + log);
            assertTrue(log.contains("execution stopped with the stack"), log);
        }
    }

    static String shBlock(String readme, String heading) {
        int at = readme.indexOf(heading);
        assertTrue(at >= 0, heading + " is not in README.md");
        int start = readme.indexOf("```sh\n", at) + 6;
        return readme.substring(start, readme.indexOf("```", start));
    }

    /** One promise per call line: the latest comment's, so a comment covers every call up to the next one. */
    private static List<Promise> promises(String block) {
        List<Promise> out = new ArrayList<>();
        StringBuilder comment = new StringBuilder();
        boolean commentOpen = false;
        for (String line : block.lines().toList()) {
            String t = line.strip();
            if (t.startsWith("#")) {
                if (!commentOpen) {
                    comment.setLength(0);
                }
                comment.append(t.substring(1)).append(' ');
                commentOpen = true;
                continue;
            }
            commentOpen = false;
            if (t.startsWith("call ")) {
                Matcher status = STATUS.matcher(comment);
                assertTrue(status.find(), "no status code in the comment before: " + t);
                // a comment naming several codes ("204; ... 202") gives them to its calls in turn
                List<String> codes = new ArrayList<>();
                do {
                    codes.add(status.group(1));
                } while (status.find());
                long before = out.stream().filter(p -> p.comment().equals(comment.toString().strip())).count();
                String code = codes.get((int) Math.min(before, codes.size() - 1));
                List<String> words = new ArrayList<>();
                if (codes.size() == 1) {
                    Matcher w = WORD.matcher(comment);
                    while (w.find()) {
                        words.add(w.group());
                    }
                }
                out.add(new Promise(comment.toString().strip(), code, words));
            }
        }
        return out;
    }
}
