package io.ipvsd.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/** Identifies a version of the config file cheaply: a change of any field is a change of the file. */
record FileStamp(Object fileKey, long size, long modifiedMillis) {
    static FileStamp of(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        return new FileStamp(Objects.requireNonNullElse(a.fileKey(), ""), a.size(), a.lastModifiedTime().toMillis());
    }
}
