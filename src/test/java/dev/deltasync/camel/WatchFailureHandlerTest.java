package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatchFailureHandlerTest {

    @Test
    void theLibrarysOverflowIsToldApartFromOtherNullPointers() {
        NullPointerException overflow = new NullPointerException();
        overflow.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("java.util.concurrent.ConcurrentSkipListMap", "get", null, 1),
                new StackTraceElement("io.methvin.watcher.DirectoryWatcher", "onEvent", null, 425),
                new StackTraceElement("io.methvin.watcher.DirectoryWatcher", "runEventLoop", null, 333)});
        NullPointerException elsewhere = new NullPointerException();
        elsewhere.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("dev.deltasync.Something", "run", null, 1)});

        assertThat(WatchFailureHandler.isLibraryOverflow(overflow)).isTrue();
        assertThat(WatchFailureHandler.isLibraryOverflow(elsewhere)).isFalse();
        assertThat(WatchFailureHandler.isLibraryOverflow(new IllegalStateException("key not found"))).isFalse();
    }
}
