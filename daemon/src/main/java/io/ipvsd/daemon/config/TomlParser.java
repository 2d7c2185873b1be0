package io.ipvsd.daemon.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TOML 1.0 parser that keeps the position of every key and value.
 *
 * <p>Why our own: measured on a generated file of 10,000 services x 10 real servers (8.2 MB,
 * 450,000 lines), tomlj 2.2.0 took 8 to 37 s and over 1.7 GB of heap (its ANTLR parse tree and
 * per-key position objects), so the daemon's 256 MB heap could not load it.
 * jackson-dataformat-toml 2.23.0 builds a JsonNode tree and hands out a TreeTraversingParser over
 * it, which has no token locations: it could not say where a wrong value was written. This one is
 * a single pass over the text into {@link TomlTableNode}s (parallel arrays, positions packed in
 * longs, key names shared): the numbers are in the README's configuration section.
 *
 * <p>Syntax errors are reported like tomlj reported them ("Unexpected 'x', expected a value");
 * after one, the parser skips to the next line that starts a [table] and goes on, so each table
 * shows its first mistake.
 */
final class TomlParser {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?");
    private static final Pattern DATE_TIME =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[Tt ](\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?)([Zz]|[+-]\\d{2}:\\d{2})?");
    private static final Pattern FLOAT =
            Pattern.compile("[+-]?(?:0|[1-9](?:_?\\d)*)(?:\\.\\d(?:_?\\d)*)?(?:[eE][+-]?\\d(?:_?\\d)*)?");

    /** A syntax error: the statement is abandoned. Carries no stack trace (they are expected). */
    private static final class SyntaxError extends RuntimeException {
        final long pos;

        SyntaxError(long pos, String message) {
            super(message, null, false, false);
            this.pos = pos;
        }
    }

    private final String text;
    private final String file;
    private final Problems problems;
    private static final int SHARED_MAX_LENGTH = 6;

    /** Key names and short string values, kept once each. */
    private final Map<String, String> keyNames = new HashMap<>();
    private final TomlTableNode root;
    private TomlTableNode current;
    private int at;
    private int line = 1;
    private int lineStart;

    private TomlParser(String text, String file, Problems problems) {
        this.text = text;
        this.file = file;
        this.problems = problems;
        this.root = new TomlTableNode(file, TomlTableNode.pack(1, 1), TomlTableNode.Origin.HEADER);
        this.current = root;
    }

    /**
     * @param file the included file's name for positions, null for the loaded file
     * @return the document; only complete if no error was reported
     */
    static TomlTableNode parse(String text, String file, Problems problems) {
        TomlParser parser = new TomlParser(text, file, problems);
        parser.document();
        return parser.root;
    }

    private void document() {
        if (text.startsWith("\uFEFF")) {
            at = 1;
            lineStart = 1;
        }
        while (at < text.length()) {
            try {
                statement();
            } catch (SyntaxError e) {
                problems.error(TomlTableNode.unpack(e.pos, file), e.getMessage());
                skipToNextTableHeader();
            }
        }
    }

    private void statement() {
        skipSpaces();
        if (atLineEnd()) {
            lineEnd();
            return;
        }
        if (peek() == '[') {
            header();
        } else {
            keyValue(current);
        }
        lineEnd();
    }

    // ----- tables

    private void header() {
        long pos = here();
        at++;
        boolean arrayOfTables = peek() == '[';
        if (arrayOfTables) {
            at++;
        }
        skipSpaces();
        List<String> names = key();
        expect(']');
        if (arrayOfTables) {
            if (peek() != ']') {
                throw unexpected("']]'");
            }
            at++;
        }
        TomlTableNode table = root;
        for (int i = 0; i < names.size() - 1; i++) {
            table = descendForHeader(table, names, i, pos);
        }
        String name = names.get(names.size() - 1);
        int existing = table.indexOf(name);
        if (arrayOfTables) {
            TomlTableNode element = new TomlTableNode(file, pos, TomlTableNode.Origin.ARRAY_ELEMENT);
            if (existing < 0) {
                TomlArrayNode array = new TomlArrayNode(file, true);
                table.put(name, array, pos, pos);
                array.add(element, pos);
            } else if (table.value(existing) instanceof TomlArrayNode array && array.ofTables) {
                array.add(element, pos);
            } else {
                throw previouslyDefined(names, table, existing, pos);
            }
            current = element;
        } else if (existing < 0) {
            current = new TomlTableNode(file, pos, TomlTableNode.Origin.HEADER);
            table.put(name, current, pos, pos);
        } else if (table.value(existing) instanceof TomlTableNode implied
                && implied.origin == TomlTableNode.Origin.IMPLIED) {
            implied.origin = TomlTableNode.Origin.HEADER;
            current = implied;
        } else {
            throw previouslyDefined(names, table, existing, pos);
        }
    }

    /** The table a header's i-th key names, made (implied) when absent; [[a]] leads to its last element. */
    private TomlTableNode descendForHeader(TomlTableNode table, List<String> names, int i, long pos) {
        int existing = table.indexOf(names.get(i));
        if (existing < 0) {
            TomlTableNode implied = new TomlTableNode(file, pos, TomlTableNode.Origin.IMPLIED);
            table.put(names.get(i), implied, pos, pos);
            return implied;
        }
        Object value = table.value(existing);
        if (value instanceof TomlTableNode child && child.origin != TomlTableNode.Origin.INLINE) {
            return child;
        }
        if (value instanceof TomlArrayNode array && array.ofTables) {
            return (TomlTableNode) array.last();
        }
        throw previouslyDefined(names.subList(0, i + 1), table, existing, pos);
    }

    private SyntaxError previouslyDefined(List<String> names, TomlTableNode table, int existing, long pos) {
        SourcePos first = table.keyPos(existing);
        return new SyntaxError(pos, String.join(".", names) + " previously defined at line " + first.line()
                + ", column " + first.column());
    }

    // ----- key = value

    private void keyValue(TomlTableNode table) {
        skipSpaces();
        // Every part of a dotted key is placed where the key starts (as tomlj did): "a.b.c" is one key as written.
        long keyPos = here();
        List<String> names = key();
        expect('=');
        skipSpaces();
        long valuePos = here();
        Object value = value();
        TomlTableNode target = table;
        for (int i = 0; i < names.size() - 1; i++) {
            int existing = target.indexOf(names.get(i));
            if (existing < 0) {
                TomlTableNode dotted = new TomlTableNode(file, keyPos, TomlTableNode.Origin.DOTTED);
                target.put(names.get(i), dotted, keyPos, keyPos);
                target = dotted;
            } else if (target.value(existing) instanceof TomlTableNode child
                    && child.origin == TomlTableNode.Origin.DOTTED) {
                target = child;
            } else {
                report(previouslyDefined(names.subList(0, i + 1), target, existing, keyPos));
                return;
            }
        }
        int existing = target.indexOf(names.get(names.size() - 1));
        if (existing >= 0) {
            report(previouslyDefined(names, target, existing, keyPos));
            return;
        }
        target.put(names.get(names.size() - 1), value, keyPos, valuePos);
    }

    /** A redefinition does not derail the parser: report it and go on with the next line. */
    private void report(SyntaxError error) {
        problems.error(TomlTableNode.unpack(error.pos, file), error.getMessage());
    }

    /** A dotted key's parts: one for most keys, without a growing list for it. */
    private List<String> key() {
        String first = keyPart();
        skipSpaces();
        if (peek() != '.') {
            return List.of(first);
        }
        List<String> names = new ArrayList<>(4);
        names.add(first);
        while (peek() == '.') {
            at++;
            names.add(keyPart());
            skipSpaces();
        }
        return names;
    }

    private String keyPart() {
        skipSpaces();
        char c = peek();
        if (c == '"') {
            return basicString();
        }
        if (c == '\'') {
            return literalString();
        }
        int start = at;
        while (at < text.length() && isBareKeyChar(text.charAt(at))) {
            at++;
        }
        if (start == at) {
            throw unexpected("a key");
        }
        return keyNames.computeIfAbsent(text.substring(start, at), n -> n);
    }

    /**
     * The text from start to end; short strings ("dr", "tcp", "wlc") are written thousands of times
     * in a generated file and are kept once. Longer ones (addresses) are mostly unique.
     */
    private String shared(int start, int end) {
        String value = text.substring(start, end);
        return end - start <= SHARED_MAX_LENGTH ? keyNames.computeIfAbsent(value, v -> v) : value;
    }

    private static boolean isBareKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    // ----- values

    private Object value() {
        char c = peek();
        switch (c) {
            case '"':
                return text.startsWith("\"\"\"", at) ? multiLineBasicString() : basicString();
            case '\'':
                return text.startsWith("'''", at) ? multiLineLiteralString() : literalString();
            case '[':
                return array();
            case '{':
                return inlineTable();
            default:
                return scalar();
        }
    }

    private Object scalar() {
        long pos = here();
        int start = at;
        while (at < text.length() && isScalarChar(text.charAt(at))) {
            at++;
        }
        // A date and a time may be separated by a space: "1979-05-27 07:32:00".
        if (at - start == 10 && at + 2 < text.length() && text.charAt(at) == ' ' && isDigit(text.charAt(at + 1))
                && DATE.matcher(text.subSequence(start, at)).matches()) {
            at++;
            while (at < text.length() && isScalarChar(text.charAt(at))) {
                at++;
            }
        }
        if (start == at) {
            at = start;
            throw unexpected("a value");
        }
        String token = text.substring(start, at);
        Object value = scalarValue(token, pos);
        if (value == null) {
            at = start;
            throw unexpected("a value");
        }
        return value;
    }

    private static boolean isScalarChar(char c) {
        return isBareKeyChar(c) || c == '+' || c == '.' || c == ':';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The value the token stands for, null if it is no value at all; throws for a malformed number or date. */
    private Object scalarValue(String token, long pos) {
        switch (token) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan", "+nan", "-nan":
                return Double.NaN;
            default:
                break;
        }
        char first = token.charAt(0);
        if (!isDigit(first) && first != '+' && first != '-') {
            return null;
        }
        if (token.length() > 2 && first == '0' && (token.charAt(1) == 'x' || token.charAt(1) == 'o' || token.charAt(1) == 'b')) {
            return radixInteger(token, pos);
        }
        Long decimal = decimalInteger(token, pos);
        if (decimal != null) {
            return decimal;
        }
        if (isDigit(first) && (token.length() > 4 && token.charAt(4) == '-' || token.length() > 2 && token.charAt(2) == ':')) {
            return dateOrTime(token, pos);
        }
        if (FLOAT.matcher(token).matches()) {
            return Double.parseDouble(token.replace("_", ""));
        }
        throw new SyntaxError(pos, "Invalid number '" + token + "'");
    }

    /** [+-]digits with single '_' between digits and no leading zero; null if the token is not one. */
    private Long decimalInteger(String token, long pos) {
        int i = token.charAt(0) == '+' || token.charAt(0) == '-' ? 1 : 0;
        int digitsStart = i;
        boolean lastWasDigit = false;
        boolean underscores = false;
        for (; i < token.length(); i++) {
            char c = token.charAt(i);
            if (isDigit(c)) {
                lastWasDigit = true;
            } else if (c == '_' && lastWasDigit) {
                lastWasDigit = false;
                underscores = true;
            } else {
                return null;
            }
        }
        if (!lastWasDigit) {
            return null;
        }
        if (token.charAt(digitsStart) == '0' && token.length() > digitsStart + 1) {
            throw new SyntaxError(pos, "Invalid number '" + token + "': leading zeros are not allowed");
        }
        try {
            return Long.parseLong(underscores ? token.replace("_", "") : token);
        } catch (NumberFormatException e) {
            throw new SyntaxError(pos, "Integer '" + token + "' is out of range (64-bit signed)");
        }
    }

    private Long radixInteger(String token, long pos) {
        int radix = token.charAt(1) == 'x' ? 16 : token.charAt(1) == 'o' ? 8 : 2;
        boolean lastWasDigit = false;
        for (int i = 2; i < token.length(); i++) {
            char c = token.charAt(i);
            if (Character.digit(c, radix) >= 0) {
                lastWasDigit = true;
            } else if (c == '_' && lastWasDigit) {
                lastWasDigit = false;
            } else {
                throw new SyntaxError(pos, "Invalid number '" + token + "'");
            }
        }
        if (!lastWasDigit) {
            throw new SyntaxError(pos, "Invalid number '" + token + "'");
        }
        try {
            return Long.parseLong(token.substring(2).replace("_", ""), radix);
        } catch (NumberFormatException e) {
            throw new SyntaxError(pos, "Integer '" + token + "' is out of range (64-bit signed)");
        }
    }

    private Object dateOrTime(String token, long pos) {
        try {
            if (DATE.matcher(token).matches()) {
                return LocalDate.parse(token);
            }
            if (TIME.matcher(token).matches()) {
                return LocalTime.parse(token);
            }
            Matcher m = DATE_TIME.matcher(token);
            if (m.matches()) {
                String local = m.group(1) + "T" + m.group(2);
                if (m.group(3) == null) {
                    return LocalDateTime.parse(local);
                }
                return OffsetDateTime.parse(local + m.group(3).toUpperCase());
            }
        } catch (DateTimeParseException e) {
            throw new SyntaxError(pos, "Invalid date or time '" + token + "'");
        }
        throw new SyntaxError(pos, "Invalid number or date '" + token + "'");
    }

    private TomlArrayNode array() {
        at++;
        TomlArrayNode array = new TomlArrayNode(file, false);
        while (true) {
            skipSpacesNewlinesAndComments();
            if (peek() == ']') {
                at++;
                return array;
            }
            long pos = here();
            array.add(value(), pos);
            skipSpacesNewlinesAndComments();
            char c = peek();
            if (c == ',') {
                at++;
            } else if (c == ']') {
                at++;
                return array;
            } else {
                throw unexpected("',' or ']'");
            }
        }
    }

    private TomlTableNode inlineTable() {
        TomlTableNode table = new TomlTableNode(file, here(), TomlTableNode.Origin.DOTTED);
        at++;
        skipSpaces();
        if (peek() == '}') {
            at++;
            table.seal();
            return table;
        }
        while (true) {
            noNewlineInInlineTable();
            keyValue(table);
            skipSpaces();
            noNewlineInInlineTable();
            char c = peek();
            if (c == '}') {
                at++;
                table.seal();
                return table;
            }
            if (c != ',') {
                throw unexpected("',' or '}'");
            }
            at++;
            skipSpaces();
            if (peek() == '}') {
                throw new SyntaxError(here(), "Trailing commas are not allowed in an inline table");
            }
        }
    }

    private void noNewlineInInlineTable() {
        skipSpaces();
        if (at < text.length() && (peek() == '\n' || peek() == '\r')) {
            throw new SyntaxError(here(), "Newlines are not allowed in an inline table (TOML versions before 1.1.0)");
        }
    }

    // ----- strings

    private String basicString() {
        at++;
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                return shared(start, at++);
            }
            if (c == '\\') {
                StringBuilder out = new StringBuilder(text.subSequence(start, at));
                return basicStringRest(out);
            }
            checkStringChar(c, "'\"'");
            at++;
        }
        throw unexpected("'\"'");
    }

    private String basicStringRest(StringBuilder out) {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                at++;
                return out.toString();
            }
            if (c == '\\') {
                escape(out);
            } else {
                checkStringChar(c, "'\"'");
                out.append(c);
                at++;
            }
        }
        throw unexpected("'\"'");
    }

    private String multiLineBasicString() {
        at += 3;
        skipNewlineAfterOpeningQuotes();
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"' && text.startsWith("\"\"\"", at)) {
                return closeMultiLine(out, '"');
            }
            if (c == '\\') {
                int after = at + 1;
                while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
                    after++;
                }
                if (after < text.length() && (text.charAt(after) == '\n' || text.charAt(after) == '\r')) {
                    // A line-ending backslash trims the newline and the whitespace that follows.
                    at = after;
                    skipSpacesNewlinesAndComments(false);
                } else {
                    escape(out);
                }
            } else if (c == '\n' || c == '\r') {
                newline();
                out.append('\n');
            } else {
                checkStringChar(c, "'\"\"\"'");
                out.append(c);
                at++;
            }
        }
        throw unexpected("'\"\"\"'");
    }

    private String literalString() {
        at++;
        int start = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\'') {
                return shared(start, at++);
            }
            checkStringChar(c, "\"'\"");
            at++;
        }
        throw unexpected("\"'\"");
    }

    private String multiLineLiteralString() {
        at += 3;
        skipNewlineAfterOpeningQuotes();
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '\'' && text.startsWith("'''", at)) {
                return closeMultiLine(out, '\'');
            }
            if (c == '\n' || c == '\r') {
                newline();
                out.append('\n');
            } else {
                checkStringChar(c, "\"'''\"");
                out.append(c);
                at++;
            }
        }
        throw unexpected("\"'''\"");
    }

    private void skipNewlineAfterOpeningQuotes() {
        if (at < text.length() && (peek() == '\n' || peek() == '\r')) {
            newline();
        }
    }

    /** Up to two quotes right before the closing three belong to the string. */
    private String closeMultiLine(StringBuilder out, char quote) {
        int quotes = 0;
        while (at < text.length() && text.charAt(at) == quote && quotes < 5) {
            at++;
            quotes++;
        }
        for (int i = 3; i < quotes; i++) {
            out.append(quote);
        }
        return out.toString();
    }

    private void escape(StringBuilder out) {
        long pos = here();
        at++;
        char c = peek();
        at++;
        switch (c) {
            case 'b' -> out.append('\b');
            case 't' -> out.append('\t');
            case 'n' -> out.append('\n');
            case 'f' -> out.append('\f');
            case 'r' -> out.append('\r');
            case '"' -> out.append('"');
            case '\\' -> out.append('\\');
            case 'u', 'U' -> {
                int digits = c == 'u' ? 4 : 8;
                int codePoint = -1;
                if (at + digits <= text.length()) {
                    try {
                        codePoint = Integer.parseUnsignedInt(text.substring(at, at + digits), 16);
                    } catch (NumberFormatException e) {
                        codePoint = -1;
                    }
                }
                if (codePoint < 0 || codePoint > 0x10FFFF || codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                    throw new SyntaxError(pos, "Invalid unicode escape: \\" + c + " needs " + digits
                            + " hex digits of a Unicode scalar value");
                }
                out.appendCodePoint(codePoint);
                at += digits;
            }
            default -> throw new SyntaxError(pos, "Invalid escape sequence '\\" + c + "'");
        }
    }

    private void checkStringChar(char c, String expected) {
        if (c == '\n' || c == '\r') {
            throw unexpected(expected);
        }
        if (c < 0x20 && c != '\t' || c == 0x7F) {
            throw new SyntaxError(here(), "Control characters are not allowed in a string (use an escape)");
        }
    }

    // ----- whitespace, comments, line ends

    private void skipSpaces() {
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
    }

    private void skipSpacesNewlinesAndComments() {
        skipSpacesNewlinesAndComments(true);
    }

    private void skipSpacesNewlinesAndComments(boolean comments) {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == ' ' || c == '\t') {
                at++;
            } else if (c == '\n' || c == '\r') {
                newline();
            } else if (c == '#' && comments) {
                comment();
            } else {
                return;
            }
        }
    }

    private boolean atLineEnd() {
        return at >= text.length() || peek() == '\n' || peek() == '\r' || peek() == '#';
    }

    /** After a statement: spaces, maybe a comment, then the end of the line or of the file. */
    private void lineEnd() {
        skipSpaces();
        if (at < text.length() && peek() == '#') {
            comment();
        }
        if (at < text.length()) {
            if (peek() != '\n' && peek() != '\r') {
                throw unexpected("end of line");
            }
            newline();
        }
    }

    private void comment() {
        while (at < text.length() && text.charAt(at) != '\n' && text.charAt(at) != '\r') {
            char c = text.charAt(at);
            if (c < 0x20 && c != '\t' || c == 0x7F) {
                throw new SyntaxError(here(), "Control characters are not allowed in a comment");
            }
            at++;
        }
    }

    /** Consumes "\n" or "\r\n" (a lone '\r' is an error in TOML). */
    private void newline() {
        if (peek() == '\r') {
            if (at + 1 >= text.length() || text.charAt(at + 1) != '\n') {
                throw new SyntaxError(here(), "Unexpected carriage return without a line feed");
            }
            at++;
        }
        at++;
        line++;
        lineStart = at;
    }

    private void skipToNextTableHeader() {
        while (at < text.length()) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                at = text.length();
                return;
            }
            at = end + 1;
            line++;
            lineStart = at;
            int first = at;
            while (first < text.length() && (text.charAt(first) == ' ' || text.charAt(first) == '\t')) {
                first++;
            }
            if (first < text.length() && text.charAt(first) == '[') {
                return;
            }
        }
    }

    // ----- helpers

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private long here() {
        int column = at - lineStart + 1;
        if (line > TomlTableNode.MAX_LINE || column > TomlTableNode.MAX_COLUMN) {
            throw new SyntaxError(TomlTableNode.pack(Math.min(line, TomlTableNode.MAX_LINE), 1),
                    "Files of more than " + TomlTableNode.MAX_LINE + " lines or lines longer than "
                            + TomlTableNode.MAX_COLUMN + " characters are not supported");
        }
        return TomlTableNode.pack(line, column);
    }

    private void expect(char c) {
        skipSpaces();
        if (peek() != c) {
            throw unexpected("'" + c + "'");
        }
        at++;
        skipSpaces();
    }

    /** "Unexpected 'x', expected ..." at the current character, in tomlj's words. */
    private SyntaxError unexpected(String expected) {
        if (at >= text.length()) {
            return new SyntaxError(here(), "Unexpected end of input, expected " + expected);
        }
        char c = peek();
        if (c == '\n' || c == '\r') {
            return new SyntaxError(here(), "Unexpected end of line, expected " + expected);
        }
        return new SyntaxError(here(), "Unexpected '" + c + "', expected " + expected);
    }
}
