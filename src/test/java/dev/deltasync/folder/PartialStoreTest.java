package dev.deltasync.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialStoreTest {

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock();

    private static byte[] bytes(int size, int value) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void keepsWhatArrivedThenTheOldVersionsRestAsTheBasisOwnerOnly() throws IOException {
        PartialStore store = new PartialStore(root, clock);
        Path old = Files.write(root.resolve("old"), bytes(1000, 7));

        PartialStore.Partial kept = store.keep("client-a", "dir/big.iso", "abc", 800, out -> {
            out.write(bytes(300, 1));
            return 300;
        }, old).orElseThrow();

        assertThat(kept.held()).isEqualTo(300);
        byte[] data = Files.readAllBytes(kept.data());
        assertThat(data).hasSize(800); // never more than the file that was coming
        assertThat(Arrays.copyOfRange(data, 0, 300)).isEqualTo(bytes(300, 1));
        assertThat(Arrays.copyOfRange(data, 300, 800)).isEqualTo(bytes(500, 7));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept.data()))).isEqualTo("rw-------");
        PartialStore.Partial found = store.find("client-a", "dir/big.iso").orElseThrow();
        assertThat(found.held()).isEqualTo(300);
        assertThat(found.targetHash()).isEqualTo("abc");
        assertThat(found.describeHeld()).isEqualTo("0.0 MB of 0.0 MB");
    }

    @Test
    void eachPeerSeesOnlyItsOwnPartials() throws IOException {
        PartialStore store = new PartialStore(root, clock);
        store.keep("client-a", "big.iso", "h", 100, out -> {
            out.write(bytes(50, 1));
            return 50;
        }, null);

        assertThat(store.find("client-b", "big.iso")).isEmpty();
        assertThat(store.find("client-a", "big.iso")).isPresent();
    }

    @Test
    void aPartialOlderThanTheMaximumAgeIsRemovedWhenLookedUpAndAtStartUp() throws IOException {
        PartialStore store = new PartialStore(root, clock);
        store.keepFor(Duration.ofHours(24));
        store.keep("c", "one", "h", 100, out -> {
            out.write(bytes(50, 1));
            return 50;
        }, null);
        Path data = store.find("c", "one").orElseThrow().data();
        store.keep("c", "two", "h", 100, out -> {
            out.write(bytes(50, 1));
            return 50;
        }, null);
        clock.advance(Duration.ofHours(25));

        assertThat(store.find("c", "one")).isEmpty();
        assertThat(data).doesNotExist();
        assertThat(store.sweep()).isZero();
        try (Stream<Path> left = Files.walk(root.resolve(".deltasync/partial"))) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void aRecordNeverRunsAheadOfItsDataAndOrphansGoAtStartUp() throws IOException {
        PartialStore store = new PartialStore(root, clock);
        PartialStore.Partial kept = store.keep("c", "f", "h", 100, out -> {
            out.write(bytes(80, 1));
            return 80;
        }, null).orElseThrow();
        // a kill -9 that lost the end of the data: the record says more than the data holds
        Files.write(kept.data(), bytes(30, 1));
        assertThat(store.find("c", "f").orElseThrow().held()).isEqualTo(30);

        Path unfinished = kept.data().resolveSibling("0123.data.new");
        Files.write(unfinished, bytes(10, 1));
        Files.delete(kept.data().resolveSibling(kept.data().getFileName().toString().replace(".data", ".record")));
        assertThat(store.sweep()).isZero();
        assertThat(unfinished).doesNotExist();
        assertThat(kept.data()).doesNotExist();
    }

    @Test
    void partialsAreChargedToTheBudgetBoundedPerPeerAndGivenBackWhenForgotten() throws IOException {
        PartialStore store = new PartialStore(root, clock);
        AtomicLong charged = new AtomicLong();
        store.bound(new PartialStore.Budget() {
            @Override
            public void take(long bytes) throws IOException {
                if (charged.get() + bytes > 250) {
                    throw new IOException("full");
                }
                charged.addAndGet(bytes);
            }

            @Override
            public void give(long bytes) {
                charged.addAndGet(-bytes);
            }
        }, 150);
        store.keep("a", "x", "h", 100, out -> {
            out.write(bytes(100, 1));
            return 100;
        }, null);
        clock.advance(Duration.ofSeconds(1));
        store.keep("a", "y", "h", 100, out -> {
            out.write(bytes(100, 1));
            return 100;
        }, null);
        assertThat(store.find("a", "x")).as("the oldest of a peer over its share goes").isEmpty();
        assertThat(charged.get()).isEqualTo(100);
        assertThat(store.keep("a", "z", "h", 200, out -> {
            out.write(bytes(200, 1));
            return 200;
        }, null)).as("more than a peer's share").isEmpty();

        store.keep("b", "y", "h", 100, out -> {
            out.write(bytes(100, 1));
            return 100;
        }, null);
        assertThat(charged.get()).isEqualTo(200);
        assertThat(store.keep("c", "y", "h", 100, out -> {
            out.write(bytes(100, 1));
            return 100;
        }, null)).as("over the whole budget").isEmpty();

        store.forgetEverywhere("y");
        assertThat(charged.get()).isZero();
        assertThat(store.find("a", "y")).isEmpty();
        assertThat(store.find("b", "y")).isEmpty();
    }

    @Test
    void whatAKilledProcessWasReceivingIsHandedToRecoveryAtTheNextStartThenItsSpoolGoes() throws IOException {
        Path spool = new PartialStore(root, clock).incoming("server-1", "big.iso", "h", 1000, "current");
        Files.write(spool, bytes(600, 3)); // what arrived before the kill -9
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spool))).isEqualTo("rw-------");

        PartialStore restarted = new PartialStore(root, clock);
        assertThat(restarted.sweep()).as("a spool under way is not swept as an orphan").isZero();
        assertThat(spool).exists();
        java.util.List<PartialStore.Incoming> handed = new java.util.ArrayList<>();
        restarted.recoverIncoming(incoming -> {
            handed.add(incoming);
            restarted.keep(incoming.peer(), incoming.path(), incoming.targetHash(), incoming.targetSize(), out -> {
                out.write(Files.readAllBytes(incoming.spool()));
                return Files.size(incoming.spool());
            }, null);
        });

        assertThat(handed).singleElement().satisfies(incoming -> {
            assertThat(incoming.peer()).isEqualTo("server-1");
            assertThat(incoming.path()).isEqualTo("big.iso");
            assertThat(incoming.basis()).isEqualTo("current");
            assertThat(incoming.targetSize()).isEqualTo(1000);
        });
        assertThat(restarted.find("server-1", "big.iso").orElseThrow().held()).isEqualTo(600);
        assertThat(spool).doesNotExist();
        try (Stream<Path> left = Files.list(spool.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".incoming"));
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
