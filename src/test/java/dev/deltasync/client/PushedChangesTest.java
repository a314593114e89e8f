package dev.deltasync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.deltasync.manifest.ManifestVersion;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.PushedStep;

/**
 * Which pushed steps a cycle may take as the server's manifest. The push of the version a client's own upload made
 * goes to every client but that one, so its later pushes start past a version it never got pushed: the steps before
 * that gap are not the server's latest, and after the last push nothing would ever tell the client so (in the burst
 * of 300 clients each editing a file, 18 clients were left without the files of the versions they missed, and removed
 * their own new file, which the version they stopped at did not hold).
 */
class PushedChangesTest {

    private static final String PROCESS = "server-process";

    @Test
    void stepsThatChainFromTheHeldVersionComposeIntoOne() {
        PushedChanges pushes = new PushedChanges();
        pushes.offer(step(4, 5, "b.txt"));
        pushes.offer(step(3, 4, "a.txt"));

        PushedChanges.Step step = pushes.takeFrom(version(3)).orElseThrow();

        assertThat(step.version()).isEqualTo(version(5));
        assertThat(step.changed()).extracting(FileEntry::path).containsExactlyInAnyOrder("a.txt", "b.txt");
    }

    @Test
    void aLaterStepThatDoesNotChainLeavesTheCycleToAskForTheDifference() {
        PushedChanges pushes = new PushedChanges();
        pushes.offer(step(3, 4, "theirs-before.txt"));
        // 4 -> 5 is this client's own upload: pushed to every other client, never to this one
        pushes.offer(step(5, 6, "theirs-after.txt"));

        assertThat(pushes.takeFrom(version(3))).as("the chain ends at 4, before the server's latest").isEmpty();
    }

    @Test
    void stepsOfOlderVersionsDoNotStopAChain() {
        PushedChanges pushes = new PushedChanges();
        pushes.offer(step(1, 2, "old.txt"));
        pushes.offer(step(3, 4, "a.txt"));

        assertThat(pushes.takeFrom(version(3))).map(PushedChanges.Step::version).contains(version(4));
    }

    private static PushedStep step(long from, long to, String path) {
        FileEntry entry = FileEntry.file(path, 3, 1_000L, false, "ab".repeat(32));
        return new PushedStep(version(from), version(to), List.of(entry), List.of(), List.of());
    }

    private static String version(long number) {
        return new ManifestVersion(PROCESS, number).toString();
    }
}
