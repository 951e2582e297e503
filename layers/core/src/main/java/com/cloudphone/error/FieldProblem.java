package com.cloudphone.error;

/** One bad field of a request, named so the console can show it next to the input. */
public record FieldProblem(String field, String message) {
}
