package io.ipvsd.daemon.config;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TOML 1.0 as our files use it, and where the parser says things are. */
class TomlParserTest {

    private static TomlTableNode parse(String toml) {
        Problems problems = new Problems("t.toml");
        TomlTableNode document = TomlParser.parse(toml, null, problems);
        assertEquals(List.of(), problems.errors().stream().map(ConfigError::toString).toList());
        return document;
    }

    private static List<String> errors(String toml) {
        Problems problems = new Problems("t.toml");
        TomlParser.parse(toml, null, problems);
        return problems.errors().stream().map(ConfigError::toString).toList();
    }

    private static TomlTableNode table(TomlTableNode table, String key) {
        return assertInstanceOf(TomlTableNode.class, table.get(key), key);
    }

    @Test
    void dottedKeysMakeNestedTablesAndQuotedKeysStayWhole() {
        TomlTableNode document = parse("""
                a.b.c = 1
                a.b.d = 2
                "net.ipv4.ip_forward" = 3
                site."google.com" = true
                """);

        TomlTableNode b = table(table(document, "a"), "b");
        assertEquals(1L, b.get("c"));
        assertEquals(2L, b.get("d"));
        assertEquals(3L, document.get("net.ipv4.ip_forward"));
        assertEquals(true, table(document, "site").get("google.com"));
    }

    @Test
    void inlineTablesAndArrays() {
        TomlTableNode document = parse("""
                hc = { type = "http", expect_status = [200, 301], nested.x = 1 }
                empty = {}
                list = [ "a",
                  "b", # comment
                ]
                """);

        TomlTableNode hc = table(document, "hc");
        assertEquals("http", hc.get("type"));
        TomlArrayNode status = assertInstanceOf(TomlArrayNode.class, hc.get("expect_status"));
        assertEquals(List.of(200L, 301L), List.of(status.get(0), status.get(1)));
        assertEquals(1L, table(hc, "nested").get("x"));
        assertEquals(0, table(document, "empty").size());
        TomlArrayNode list = assertInstanceOf(TomlArrayNode.class, document.get("list"));
        assertEquals(2, list.size());
        assertEquals(new SourcePos(4, 3), list.pos(1));
    }

    @Test
    void arraysOfTablesIncludingNestedOnesBelongToTheLastElement() {
        TomlTableNode document = parse("""
                [[service]]
                port = 80
                  [[service.real]]
                  address = "a"
                  [[service.real]]
                  address = "b"
                  [service.persistence]
                  timeout = 5
                [[service]]
                port = 443
                  [[service.real]]
                  address = "c"
                """);

        TomlArrayNode services = assertInstanceOf(TomlArrayNode.class, document.get("service"));
        assertEquals(2, services.size());
        TomlTableNode first = (TomlTableNode) services.get(0);
        assertEquals(2, ((TomlArrayNode) first.get("real")).size());
        assertEquals(5L, table(first, "persistence").get("timeout"));
        TomlTableNode second = (TomlTableNode) services.get(1);
        assertEquals("c", ((TomlTableNode) ((TomlArrayNode) second.get("real")).get(0)).get("address"));
        assertEquals(new SourcePos(9, 1), services.pos(1));
        assertEquals(new SourcePos(5, 3), ((TomlArrayNode) first.get("real")).pos(1));
    }

    @Test
    void stringsEscapesAndMultiLineStrings() {
        TomlTableNode document = parse("""
                basic = "tab\\there \\"q\\" \\\\ \\u00e9 \\U0001F600"
                literal = 'C:\\path\\no escapes'
                multi = \"\"\"
                one
                two\\
                   three\"\"\"
                multi_literal = '''
                raw \\n ''quotes'' '''
                quotes = \"\"\"a ""\"\"\"
                after = 1
                """);

        assertEquals("tab\there \"q\" \\ \u00e9 \uD83D\uDE00", document.get("basic"));
        assertEquals("C:\\path\\no escapes", document.get("literal"));
        assertEquals("one\ntwothree", document.get("multi"));
        assertEquals("raw \\n ''quotes'' ", document.get("multi_literal"));
        assertEquals("a \"\"", document.get("quotes"));
        assertEquals(new SourcePos(10, 9), document.valuePos(document.indexOf("after")));
    }

    @Test
    void integersFloatsBooleansAndDates() {
        TomlTableNode document = parse("""
                big = 1_000_000
                neg = -17
                hex = 0xDEAD_beef
                oct = 0o755
                bin = 0b1101
                f = 6.626e-34
                inf = -inf
                yes = true
                odt = 1979-05-27T07:32:00Z
                ldt = 1979-05-27 07:32:00.5
                ld = 1979-05-27
                lt = 07:32:00
                """);

        assertEquals(1_000_000L, document.get("big"));
        assertEquals(-17L, document.get("neg"));
        assertEquals(0xDEADBEEFL, document.get("hex"));
        assertEquals(493L, document.get("oct"));
        assertEquals(13L, document.get("bin"));
        assertEquals(6.626e-34, document.get("f"));
        assertEquals(Double.NEGATIVE_INFINITY, document.get("inf"));
        assertEquals(true, document.get("yes"));
        assertInstanceOf(OffsetDateTime.class, document.get("odt"));
        assertEquals(LocalDateTime.of(1979, 5, 27, 7, 32, 0, 500_000_000), document.get("ldt"));
        assertEquals(LocalDate.of(1979, 5, 27), document.get("ld"));
        assertEquals(LocalTime.of(7, 32), document.get("lt"));
    }

    @Test
    void keyAndValuePositionsAreWhereTheyAreWritten() {
        TomlTableNode document = parse("""
                # comment
                [daemon]
                  interval   =   "5s"
                """);

        TomlTableNode daemon = table(document, "daemon");
        assertEquals(new SourcePos(2, 1), document.keyPos(0));
        assertEquals(new SourcePos(3, 3), daemon.keyPos(0));
        assertEquals(new SourcePos(3, 18), daemon.valuePos(0));
    }

    @Test
    void malformedValuesAreErrorsAtTheirPosition() {
        assertEquals(List.of("t.toml:1:5: Invalid number '012': leading zeros are not allowed"), errors("a = 012\n"));
        assertEquals(List.of("t.toml:1:5: Invalid number '1__2'"), errors("a = 1__2\n"));
        assertEquals(List.of("t.toml:1:5: Integer '9223372036854775808' is out of range (64-bit signed)"),
                errors("a = 9223372036854775808\n"));
        assertEquals(List.of("t.toml:1:6: Invalid escape sequence '\\q'"), errors("a = \"\\q\"\n"));
        assertEquals(List.of("t.toml:1:7: Unexpected end of line, expected '\"'"), errors("a = \"x\nb = 1\n"));
        assertEquals(List.of("t.toml:2:7: Unexpected 'x', expected end of line"), errors("a = 1\nb = 2 x\n"));
        assertEquals(List.of("t.toml:1:5: Invalid date or time '1979-13-27'"), errors("a = 1979-13-27\n"));
        assertEquals(List.of("t.toml:1:14: Trailing commas are not allowed in an inline table"),
                errors("a = { b = 1, }\n"));
    }

    @Test
    void tablesCannotBeDefinedTwiceNorExtendedTheWrongWay() {
        assertEquals(List.of("t.toml:3:1: a previously defined at line 1, column 1"), errors("[a]\nx = 1\n[a]\n"));
        assertEquals(List.of("t.toml:3:1: a.b previously defined at line 2, column 1"),
                errors("[a]\nb.c = 1\n[a.b]\n"));
        assertEquals(List.of("t.toml:2:1: a previously defined at line 1, column 1"), errors("a = {x = 1}\n[a.b]\n"));
        assertEquals(List.of("t.toml:2:1: a previously defined at line 1, column 1"), errors("[[a]]\n[a]\n"));
        assertEquals(List.of("t.toml:2:1: a previously defined at line 1, column 1"), errors("a = [1]\n[[a]]\n"));
        // Allowed: a header for a table implied earlier, and a sub-table of a dotted-key table.
        assertTrue(errors("[a.b]\n[a]\n[x]\ny.z = 1\n[x.y.w]\n").isEmpty());
    }

    @Test
    void afterASyntaxErrorTheNextTableIsStillRead() {
        assertEquals(List.of("t.toml:2:5: Unexpected '?', expected a value", "t.toml:5:5: Unexpected '!', expected a value"),
                errors("[a]\nb = ?\nc = also not reported\n[d]\ne = !\n"));
    }
}
