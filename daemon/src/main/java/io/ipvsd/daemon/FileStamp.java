package io.ipvsd.daemon;

import io.ipvsd.daemon.config.ConfigLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Identifies a version of the config file cheaply: a change of any field is a change of the file.
 * The files it includes are part of it (a change in one, or a file that appears in or leaves an
 * included glob, is a change of the configuration); size is the main file's own.
 */
record FileStamp(Object fileKey, long size, long modifiedMillis, List<FileStamp> included) {
    FileStamp(Object fileKey, long size, long modifiedMillis) {
        this(fileKey, size, modifiedMillis, List.of());
    }

    static FileStamp of(Path p) throws IOException {
        FileStamp main = ofOne(p);
        List<Path> files = ConfigLoader.files(p);
        if (files.size() == 1) {
            return main;
        }
        List<FileStamp> included = new ArrayList<>();
        for (Path file : files.subList(1, files.size())) {
            try {
                included.add(ofOne(file));
            } catch (IOException e) {
                included.add(new FileStamp("unreadable " + file, -1, 0));
            }
        }
        return new FileStamp(main.fileKey, main.size, main.modifiedMillis, List.copyOf(included));
    }

    private static FileStamp ofOne(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        return new FileStamp(Objects.requireNonNullElse(a.fileKey(), ""), a.size(), a.lastModifiedTime().toMillis());
    }
}
