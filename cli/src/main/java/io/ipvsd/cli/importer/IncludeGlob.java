package io.ipvsd.cli.importer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The files an {@code include PATTERN} names, as keepalived's glob(3) call finds them: the pattern
 * relative to the including file's directory, {@code * ? [..]} and {@code {a,b}} per path
 * component, sorted (glob sorts its matches), only regular files. No match is an empty list.
 */
final class IncludeGlob {
    private IncludeGlob() {
    }

    static List<Path> expand(Path baseDir, String pattern) throws IOException {
        Path start = pattern.startsWith("/") ? Path.of("/") : baseDir;
        List<Path> current = List.of(start);
        for (String component : pattern.split("/")) {
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            List<Path> next = new ArrayList<>();
            for (Path dir : current) {
                if (!hasWildcard(component)) {
                    Path p = dir.resolve(component);
                    if (Files.exists(p)) {
                        next.add(p);
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + component);
                List<Path> matches = new ArrayList<>();
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path entry : entries) {
                        String name = entry.getFileName().toString();
                        // glob(3) without GLOB_PERIOD: a leading dot must be matched literally.
                        if (name.startsWith(".") && !component.startsWith(".")) {
                            continue;
                        }
                        if (matcher.matches(entry.getFileName())) {
                            matches.add(entry);
                        }
                    }
                }
                matches.sort(null);
                next.addAll(matches);
            }
            current = next;
        }
        List<Path> files = new ArrayList<>();
        for (Path p : current) {
            if (Files.isRegularFile(p)) {
                files.add(p);
            }
        }
        return files;
    }

    private static boolean hasWildcard(String component) {
        return component.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}
