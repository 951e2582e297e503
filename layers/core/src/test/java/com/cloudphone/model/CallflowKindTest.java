package com.cloudphone.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudphone.error.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/rules.md rule 23: whom each kind of callflow routes to, without an engine. */
class CallflowKindTest {

    @Test
    void aDirectLineRoutesToOneUserAndNoDialList() {
        assertEquals(List.of(), CallflowKind.DIRECT.routingProblems("u_jo", List.of(), false, true));
        assertEquals(List.of(new FieldProblem("dialUserIds", "a direct line routes to one userId")),
                CallflowKind.DIRECT.routingProblems("u_jo", List.of("u_kim"), true, true));
    }

    @Test
    void aGroupDialsAtLeastOneUserAndNamesNoSingleUser() {
        assertEquals(List.of(), CallflowKind.GROUP.routingProblems(null, List.of("u_jo"), true, true));
        assertEquals(List.of(new FieldProblem("userId", "a group dials dialUserIds")),
                CallflowKind.GROUP.routingProblems("u_jo", List.of("u_kim"), true, true));
        assertEquals(List.of(new FieldProblem("dialUserIds", "a group needs at least one user to dial")),
                CallflowKind.GROUP.routingProblems(null, List.of(), true, true));
        assertEquals(List.of(), CallflowKind.GROUP.routingProblems(null, List.of(), true, false),
                "a malformed dial list is reported once, by its own check");
    }
}
