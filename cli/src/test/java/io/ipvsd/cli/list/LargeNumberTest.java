package io.ipvsd.cli.list;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** print_largenum's scaling and widths. */
class LargeNumberTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0                    | '        0'",
        "99999999             | ' 99999999'",
        "100000000            | '  100000K'",
        "999999999            | '  999999K'",
        "1000000000           | '    1000M'",
        "99999999999          | '   99999M'",
        "100000000000         | '     100G'",
        "99999999999999       | '   99999G'",
        "100000000000000      | '     100T'",
        "9223372036854775807  | ' 9223372T'",
        "-1                   | '18446744T'",
    })
    void scaled(long value, String text) {
        assertEquals(text, LargeNumber.format(value, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0                    | '        0'",
        "12345678             | ' 12345678'",
        "123456789            | ' 123456789'",
        "1234567890123        | ' 1234567890123'",
        "-1                   | ' 18446744073709551615'",
    })
    void exact(long value, String text) {
        assertEquals(text, LargeNumber.format(value, true));
    }
}
