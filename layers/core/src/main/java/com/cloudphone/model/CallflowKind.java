package com.cloudphone.model;

import com.cloudphone.error.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** A direct line routes its numbers to one user; a group dials several (docs/rules.md rule 23). */
public enum CallflowKind {
    DIRECT, GROUP;

    /**
     * What is wrong with whom a new callflow of this kind routes to: a direct line names one {@code userId} and no
     * dial list; a group names a dial list of at least one user and no single user. {@code dialGiven}: the request
     * had a dial list at all, and {@code dialValid}: it was a well-formed one (its own problems are reported apart).
     */
    public List<FieldProblem> routingProblems(String userId, List<String> dialUserIds, boolean dialGiven,
                                              boolean dialValid) {
        List<FieldProblem> problems = new ArrayList<>();
        if (this == DIRECT && dialGiven) {
            problems.add(new FieldProblem("dialUserIds", "a direct line routes to one userId"));
        }
        if (this == GROUP && userId != null) {
            problems.add(new FieldProblem("userId", "a group dials dialUserIds"));
        }
        if (this == GROUP && dialUserIds.isEmpty() && dialValid) {
            problems.add(new FieldProblem("dialUserIds", "a group needs at least one user to dial"));
        }
        return problems;
    }
}
