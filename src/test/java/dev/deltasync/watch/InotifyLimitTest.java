package dev.deltasync.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class InotifyLimitTest {

    @Test
    void recognisesTheLimitDeepInACauseChain() {
        Exception failure = new IllegalStateException("route failed",
                new UncheckedIOException(new IOException("User limit of inotify watches reached")));

        assertThat(InotifyLimit.isCause(failure)).isTrue();
        assertThat(InotifyLimit.isCause(new IOException("Permission denied"))).isFalse();
        assertThat(InotifyLimit.isCause(new NullPointerException())).isFalse();
    }

    @Test
    void adviceNamesTheFolderAndTheCommand() {
        assertThat(InotifyLimit.advice("/srv/share"))
                .contains("/srv/share")
                .contains("sudo sysctl fs.inotify.max_user_watches=524288");
    }
}
