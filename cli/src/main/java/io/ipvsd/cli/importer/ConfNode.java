package io.ipvsd.cli.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * A keyword line of a keepalived.conf with, when a "{" follows it, the lines of its block.
 * {@link #parse} builds the tree by recursive descent over {@link ConfLine}s, as keepalived's
 * process_stream() walks them: a "{" opens the block of the line before it, "}" closes it.
 */
public record ConfNode(ConfLine line, List<ConfNode> children) {
    public boolean hasBlock() {
        return children != null;
    }

    public String keyword() {
        return line.keyword();
    }

    public List<ConfNode> block() {
        return children == null ? List.of() : children;
    }

    public static List<ConfNode> parse(List<ConfLine> lines, Diagnostics diagnostics) {
        Cursor cursor = new Cursor(lines, diagnostics);
        return cursor.nodes(true);
    }

    private static final class Cursor {
        private final List<ConfLine> lines;
        private final Diagnostics diagnostics;
        private int next;

        Cursor(List<ConfLine> lines, Diagnostics diagnostics) {
            this.lines = lines;
            this.diagnostics = diagnostics;
        }

        /** Nodes up to the "}" closing this level (consumed), or to the end. */
        List<ConfNode> nodes(boolean topLevel) {
            List<ConfNode> nodes = new ArrayList<>();
            while (next < lines.size()) {
                ConfLine line = lines.get(next++);
                if (line.isClose()) {
                    if (topLevel) {
                        diagnostics.add(line, "Extra '}' found (keepalived ignores it)");
                        continue;
                    }
                    return nodes;
                }
                if (line.isOpen()) {
                    diagnostics.add(line, "Unexpected '{' - ignoring (as keepalived)");
                    continue;
                }
                List<ConfNode> children = null;
                if (next < lines.size() && lines.get(next).isOpen()) {
                    next++;
                    children = nodes(false);
                }
                nodes.add(new ConfNode(line, children));
            }
            return nodes;
        }
    }
}
