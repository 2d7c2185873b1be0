package io.ipvsd.daemon.config;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The top-level {@code include = ["conf.d/*.toml", "other.toml"]} key: reads the files it names
 * (globs relative to the including file's directory, each pattern's matches sorted; a pattern
 * matching nothing is fine, a missing literal path is not) and merges them into the including
 * document. [[tables]] of the same name are concatenated in include order, after the including
 * file's own; any other key written in two files is an error naming both places. Included files
 * may include others; a cycle, or a file included twice, is an error.
 */
final class Includes {
    static final String KEY = "include";

    private final Problems problems;
    private final Deque<Path> chain = new ArrayDeque<>();
    private final Map<Path, SourcePos> includedAt = new HashMap<>();
    /** What the loaded file and the files included so far weigh, against the heap. */
    private long includedBytes;

    private Includes(Problems problems) {
        this.problems = problems;
    }

    /** Resolves the includes of the loaded file, whose document is given, into it. */
    static void resolve(TomlTableNode document, Path file, Problems problems) {
        Includes includes = new Includes(problems);
        realPath(file).ifPresent(includes.chain::push);
        try {
            includes.includedBytes = Files.size(file);
        } catch (IOException | RuntimeException e) {
            includes.includedBytes = 0; // parsed from text in a test: nothing on disk to weigh
        }
        includes.resolveInto(document, file);
    }

    private void resolveInto(TomlTableNode document, Path file) {
        int i = document.indexOf(KEY);
        if (i < 0) {
            return;
        }
        Object written = document.value(i);
        SourcePos pos = document.valuePos(i);
        document.remove(i);
        if (!(written instanceof TomlArrayNode patterns)) {
            problems.error(pos, KEY + ": expected an array of paths or globs, like [\"conf.d/*.toml\"], got "
                    + Value.typeName(written));
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        Path shownDir = file.getParent();
        for (int j = 0; j < patterns.size(); j++) {
            SourcePos patternPos = patterns.pos(j);
            if (!(patterns.get(j) instanceof String pattern)) {
                problems.error(patternPos, KEY + ": expected a string, got " + Value.typeName(patterns.get(j)));
                continue;
            }
            for (String match : matches(dir, pattern, patternPos)) {
                Path shown = Path.of(pattern).isAbsolute() || shownDir == null
                        ? Path.of(match) : shownDir.resolve(match);
                include(document, shown, patternPos);
            }
        }
    }

    /** The files a pattern names, as written relative to dir (or absolute), sorted. */
    private List<String> matches(Path dir, String pattern, SourcePos pos) {
        if (!isGlob(pattern)) {
            return List.of(pattern);
        }
        // The glob applies below its longest literal directory prefix: "conf.d/*.toml" lists conf.d.
        int firstGlobChar = firstGlobChar(pattern);
        int slash = pattern.lastIndexOf('/', firstGlobChar);
        String literalDir = slash < 0 ? "" : pattern.substring(0, slash + 1);
        Path start = dir.resolve(literalDir.isEmpty() ? "." : literalDir).normalize();
        int depth = (int) pattern.substring(slash + 1).chars().filter(c -> c == '/').count() + 1;
        Path base = Path.of(pattern).isAbsolute() ? Path.of("/") : dir;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> found = Files.walk(start, depth)) {
            return found.filter(Files::isRegularFile)
                    .map(p -> Path.of(pattern).isAbsolute() ? p : base.relativize(p))
                    .filter(matcher::matches)
                    .map(Path::toString).sorted().toList();
        } catch (IOException | RuntimeException e) {
            problems.error(pos, KEY + ": cannot list " + start + ": " + e.getMessage());
            return List.of();
        }
    }

    static boolean isGlob(String pattern) {
        return firstGlobChar(pattern) < pattern.length();
    }

    private static int firstGlobChar(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            if ("*?[{".indexOf(pattern.charAt(i)) >= 0) {
                return i;
            }
        }
        return pattern.length();
    }

    private void include(TomlTableNode into, Path file, SourcePos pos) {
        String name = file.toString();
        Path real;
        String text;
        try {
            real = file.toRealPath();
            includedBytes += Files.size(file);
            if (!ConfigLoader.fitsInHeap(includedBytes)) {
                problems.error(pos, KEY + ": " + ConfigLoader.tooLarge(file) + " (with the files included before it)");
                return;
            }
            text = Files.readString(file);
        } catch (IOException e) {
            problems.error(pos, KEY + ": cannot read " + name + ": " + ConfigLoader.reason(e));
            return;
        }
        if (chain.contains(real)) {
            problems.error(pos, KEY + ": " + name + " includes itself (a cycle of includes)");
            return;
        }
        SourcePos first = includedAt.putIfAbsent(real, pos);
        if (first != null) {
            problems.error(pos, KEY + ": " + name + " is already included at " + where(first));
            return;
        }
        problems.included(name);
        TomlTableNode document = TomlParser.parse(text, name, problems);
        chain.push(real);
        resolveInto(document, file);
        chain.pop();
        merge(into, document);
    }

    private void merge(TomlTableNode into, TomlTableNode document) {
        for (int i = 0; i < document.size(); i++) {
            String key = document.key(i);
            int existing = into.indexOf(key);
            if (existing < 0) {
                into.put(key, document.value(i), document.packedKeyPos(i), document.packedValuePos(i),
                        document.fileOf(i));
            } else if (into.value(existing) instanceof TomlArrayNode tables && tables.ofTables
                    && document.value(i) instanceof TomlArrayNode more && more.ofTables) {
                tables.addAll(more);
            } else {
                problems.error(document.keyPos(i), key + ": already defined at " + where(into.keyPos(existing))
                        + " (only [[arrays of tables]] may be continued in another file)");
            }
        }
    }

    private String where(SourcePos pos) {
        return problems.fileOf(pos) + ":" + pos.line() + ":" + pos.column();
    }

    private static Optional<Path> realPath(Path file) {
        try {
            return Optional.of(file.toRealPath());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The files a configuration consists of, found cheaply for the daemon's change watch: the
     * include keys are read from the part of each file before its first [table] (where top-level
     * keys must be), so the whole file is not parsed on every poll.
     */
    static List<Path> filesOf(Path file) {
        List<Path> files = new ArrayList<>();
        collect(file, files, 0);
        return files;
    }

    private static void collect(Path file, List<Path> files, int depth) {
        if (depth > 0) {
            files.add(file);
        }
        if (depth > 32) {
            return;
        }
        String head;
        try {
            head = topLevelPart(file);
        } catch (IOException | RuntimeException e) {
            return;
        }
        Problems ignored = new Problems(file.toString());
        TomlTableNode document = TomlParser.parse(head, null, ignored);
        if (!(document.get(KEY) instanceof TomlArrayNode patterns)) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        Includes lister = new Includes(ignored);
        for (int j = 0; j < patterns.size(); j++) {
            if (patterns.get(j) instanceof String pattern) {
                for (String match : lister.matches(dir, pattern, new SourcePos(1, 1))) {
                    collect(dir.resolve(match), files, depth + 1);
                }
            }
        }
    }

    /** The lines before the first one that starts with '['. */
    private static String topLevelPart(Path file) throws IOException {
        StringBuilder head = new StringBuilder();
        try (var reader = Files.newBufferedReader(file)) {
            String line;
            while ((line = reader.readLine()) != null && !line.stripLeading().startsWith("[")) {
                head.append(line).append('\n');
            }
        }
        return head.toString();
    }
}
