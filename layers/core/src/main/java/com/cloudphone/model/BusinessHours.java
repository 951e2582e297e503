package com.cloudphone.model;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Map;

/** Opening hours per weekday, used to time automated texts. A missing day means closed. */
public record BusinessHours(Map<DayOfWeek, Span> days) {

    public BusinessHours {
        days = Map.copyOf(days);
    }

    public record Span(LocalTime open, LocalTime close) {
        public Span {
            if (!open.isBefore(close)) {
                throw new IllegalArgumentException("open must be before close");
            }
        }
    }
}
