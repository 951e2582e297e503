package com.cloudphone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The published events are typed records, each with its schema in events/schemas/ (docs/events.md). */
class EventTest {
    /** Billing's own events, which the service receives and never publishes. */
    private static final Set<String> RECEIVED = Set.of("AccountClosed", "PlanChanged", "SeatsChanged");

    @Test
    void everyEventTypeHasItsSchemaAndEverySchemaOfOursItsType() throws Exception {
        Set<String> types = Arrays.stream(Event.class.getPermittedSubclasses()).map(Class::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
        Path schemas = Path.of("../../events/schemas");
        Set<String> files;
        try (Stream<Path> list = Files.list(schemas)) {
            files = list.map(p -> p.getFileName().toString().replaceFirst("\\.json$", ""))
                    .filter(name -> !RECEIVED.contains(name)).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(files, types);
    }

    @Test
    void theDetailIsTheComponentsInOrderWithEnumsByNameAndNothingForNull() {
        assertEquals(List.of("userId", "kind", "role", "addedBy"),
                List.copyOf(new Event.UserAdded("u_1", UserKind.INVITED, Role.ADMIN, "u_2").detail().keySet()));
        assertEquals(Map.of("userId", "u_1", "kind", "INVITED", "role", "ADMIN", "addedBy", "u_2"),
                new Event.UserAdded("u_1", UserKind.INVITED, Role.ADMIN, "u_2").detail());
        assertEquals(Map.of("number", "+14155550100"), new Event.NumberRecycled("+14155550100", null).detail());
        DomainEvent envelope = DomainEvent.of("a_1", "2026-12-08T00:00:00Z", new Event.QueueDeleted("q_1"));
        assertEquals("QueueDeleted", envelope.type());
        assertTrue(envelope.eventId().startsWith("ev_"), envelope.eventId());
    }
}
