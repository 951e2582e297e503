package com.cloudphone.local.sfn;

import static com.cloudphone.local.sfn.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Wait states on the manual clock: no real time passes, the clock shows the wait. */
class WaitTest {
    private final Asl asl = new Asl();

    private static String waitThenStamp(String waitFields) {
        return """
                {"StartAt":"W","States":{
                  "W":{"Type":"Wait",%s,"Next":"Stamp"},
                  "Stamp":{"Type":"Pass","Parameters":{"at.$":"$$.State.EnteredTime","input.$":"$"},"End":true}}}"""
                .formatted(waitFields);
    }

    @Test
    void aTwentyEightDayWaitFromTimestampPathIsInstantButTheClockMoves() {
        Instant due = Asl.START.plus(Duration.ofDays(28));
        long before = System.nanoTime();
        Execution run = asl.run(waitThenStamp("\"TimestampPath\":\"$.purgeAt\""), "{\"purgeAt\":\"" + due + "\"}");
        assertTrue(System.nanoTime() - before < Duration.ofSeconds(5).toNanos());
        assertEquals(Execution.Status.SUCCEEDED, run.status());
        assertEquals(due, asl.clock.instant());
        assertEquals("2026-01-29T00:00:00.000Z", run.output().path("at").asText());
        assertEquals(due.toString(), run.events(Event.Type.WAIT_STARTED).get(0).detail());
    }

    @Test
    void secondsWaitFromWhenTheStateWasEntered() {
        asl.run(waitThenStamp("\"Seconds\":90"), "{}");
        assertEquals(Asl.START.plusSeconds(90), asl.clock.instant());
    }

    @Test
    void secondsPathReadsTheInput() {
        asl.run(waitThenStamp("\"SecondsPath\":\"$.delay\""), "{\"delay\":3600}");
        assertEquals(Asl.START.plusSeconds(3600), asl.clock.instant());
    }

    @Test
    void aFixedTimestampWithAnOffset() {
        asl.run(waitThenStamp("\"Timestamp\":\"2026-01-02T02:00:00+02:00\""), "{}");
        assertEquals(Instant.parse("2026-01-02T00:00:00Z"), asl.clock.instant());
    }

    @Test
    void aTimestampInThePastDoesNotWait() {
        asl.run(waitThenStamp("\"Timestamp\":\"2020-01-01T00:00:00Z\""), "{}");
        assertEquals(Asl.START, asl.clock.instant());
    }

    @Test
    void theWaitPassesItsInputOnThroughInputPathAndOutputPath() {
        String machine = Asl.single("{\"Type\":\"Wait\",\"Seconds\":1,\"InputPath\":\"$.a\",\"OutputPath\":\"$.b\",\"End\":true}");
        assertEquals(json("2"), asl.run(machine, "{\"a\":{\"b\":2}}").output());
    }

    @Test
    void aBadTimestampPathValueIsARuntimeError() {
        Execution run = asl.run(waitThenStamp("\"TimestampPath\":\"$.t\""), "{\"t\":\"tomorrow\"}");
        assertEquals("States.Runtime", run.error());
        Execution negative = asl.run(waitThenStamp("\"SecondsPath\":\"$.s\""), "{\"s\":-1}");
        assertEquals("States.Runtime", negative.error());
    }

    @Test
    void aRealSleeperSleepsUntilTheClockGetsThere() throws InterruptedException {
        java.time.Clock system = java.time.Clock.systemUTC();
        Instant until = system.instant().plusMillis(30);
        Sleeper.realTime(system).sleepUntil(until);
        assertTrue(!system.instant().isBefore(until));
    }

    @Test
    void aWaitCanBeRunForRealOnTheSystemClock() {
        StateMachine machine = StateMachine.parse(Asl.single("{\"Type\":\"Wait\",\"Seconds\":0,\"End\":true}"), Map.of());
        java.time.Clock system = java.time.Clock.systemUTC();
        assertEquals(Execution.Status.SUCCEEDED,
                new Interpreter(machine, Map.of(), system, Sleeper.realTime(system)).run(json("{}")).status());
    }
}
