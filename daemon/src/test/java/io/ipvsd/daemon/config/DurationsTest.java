package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DurationsTest {

    @Test
    void unitsAndSums() {
        assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), Durations.parse("5s"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), Durations.parse("2m"));
        assertEquals(Optional.of(Duration.ofHours(1)), Durations.parse("1h"));
        assertEquals(Optional.of(Duration.ofMinutes(90).plusMillis(250)), Durations.parse("1h30m250ms"));
        assertEquals(Optional.of(Duration.ZERO), Durations.parse("0s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "s", "-5s", "5 s", "5S", "1.5s", "5sec", "2d", "99999999999999999999h",
            "9223372036854775807h"})
    void rejects(String text) {
        assertEquals(Optional.empty(), Durations.parse(text), text);
    }

    @Test
    void formatsForMessages() {
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("90s", Durations.format(Duration.ofSeconds(90)));
    }
}
