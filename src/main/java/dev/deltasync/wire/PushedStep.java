package dev.deltasync.wire;

import java.util.List;

import dev.deltasync.sync.FileEntry;

/**
 * What a {@link Changed} push carries for a client that announced {@link Capabilities#PUSH_STEP}: the server's
 * manifest step from version {@code basedOn} to {@code version} (its changed entries and removed paths, as a
 * manifest difference would name them) and the contents of its small changed files, so that a client holding
 * {@code basedOn} needs neither a manifest request nor a download for them. For a client that also announced
 * {@link Capabilities#PUSH_EDITS}, a changed small text file may instead come as a line edit against the version
 * {@code basedOn} holds ({@code edits}; at most one of a content and an edit per file).
 */
public record PushedStep(String basedOn, String version, List<FileEntry> changed, List<String> removed,
                         List<Content> contents, List<Edit> edits) {

    /** A file of the step, at most {@link #MAX_FILE} bytes; its entry in {@code changed} names its hash. */
    public record Content(String path, byte[] bytes) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Content c && path.equals(c.path) && java.util.Arrays.equals(bytes, c.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * path.hashCode() + java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Content[" + path + ", " + bytes.length + " bytes]";
        }
    }

    /**
     * A file of the step as a line edit ({@code dev.deltasync.lines.BaseLineEdit}) of its version in {@code basedOn},
     * named by the first 8 bytes of that version's hash ({@code baseHash}, 16 hex digits); its entry in
     * {@code changed} names the hash the result must have.
     */
    public record Edit(String path, String baseHash, byte[] lines) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Edit e && path.equals(e.path) && baseHash.equals(e.baseHash)
                    && java.util.Arrays.equals(lines, e.lines);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * path.hashCode() + baseHash.hashCode()) + java.util.Arrays.hashCode(lines);
        }

        @Override
        public String toString() {
            return "Edit[" + path + " from " + baseHash + ", " + lines.length + " bytes]";
        }
    }

    /** The largest file whose content travels with a push. */
    public static final int MAX_FILE = 64 * 1024;
    /** At most this many content bytes per push: more files wait for the client's download as before. */
    public static final int MAX_CONTENTS = 256 * 1024;
    /** A bigger step is not pushed: the client asks for the difference as before. */
    public static final int MAX_ENTRIES = 1000;

    public PushedStep {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        contents = List.copyOf(contents);
        edits = List.copyOf(edits);
    }

    /** A step whose small files all go whole (what a client without {@link Capabilities#PUSH_EDITS} takes). */
    public PushedStep(String basedOn, String version, List<FileEntry> changed, List<String> removed,
                      List<Content> contents) {
        this(basedOn, version, changed, removed, contents, List.of());
    }

    /** This step without its contents and edits: only the manifest step (when those would not fit a frame). */
    public PushedStep withoutFiles() {
        return new PushedStep(basedOn, version, changed, removed, List.of());
    }
}
