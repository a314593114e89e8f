package dev.deltasync.sync;

import java.util.SortedMap;

/** What a scan found (sorted by path) and what it could not read. */
public record ScanResult(SortedMap<String, FileEntry> entries, ScanProblems problems) {
}
