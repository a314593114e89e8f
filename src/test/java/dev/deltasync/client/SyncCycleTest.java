package dev.deltasync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class SyncCycleTest {

    @Test
    void aPathLeftAloneTakesItsWholeSubtreeWithItButNotLookalikes() {
        Set<String> leftAlone = Set.of("unreadable-dir", "busy.log");
        assertThat(SyncCycle.isUnder("unreadable-dir", leftAlone)).isTrue();
        assertThat(SyncCycle.isUnder("unreadable-dir/a/b.txt", leftAlone)).isTrue();
        assertThat(SyncCycle.isUnder("busy.log", leftAlone)).isTrue();
        assertThat(SyncCycle.isUnder("unreadable-dir2/x", leftAlone)).isFalse();
        assertThat(SyncCycle.isUnder("busy.log.1", leftAlone)).isFalse();
        assertThat(SyncCycle.isUnder("docs/busy.log", leftAlone)).isFalse();
    }
}
