package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deltasync.watch.EventGate;
import dev.deltasync.watch.RawEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.watch.FileWatchConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchIntakeTest {

    @TempDir
    Path folder;
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(10_000), ZoneOffset.UTC);

    @Test
    void anAdmittedEventLeavesAsARawEventTimedWhenTheWatcherSawItWithOnlyItsPathHeader() throws Exception {
        Exchange event = fileWatchEvent("MODIFY", "docs/a.txt", 9_200L);

        intake().process(event);

        assertThat(event.getMessage().getBody()).isEqualTo(new RawEvent(RawEvent.Kind.MODIFY, "docs/a.txt", 9_200));
        assertThat(event.getMessage().getHeaders()).containsOnlyKeys(WatchIntake.PATH)
                .containsEntry(WatchIntake.PATH, "docs/a.txt");
    }

    @Test
    void anEventWithoutTheWatchersTimeIsTimedNow() throws Exception {
        Exchange event = fileWatchEvent("CREATE", "b.txt", null);

        intake().process(event);

        assertThat(event.getMessage().getBody()).isEqualTo(new RawEvent(RawEvent.Kind.CREATE, "b.txt", 10_000));
    }

    @Test
    void metadataAndIgnoredNamesLeaveNoBody() throws Exception {
        for (String path : new String[] {".deltasync/state", "notes.txt.swp"}) {
            Exchange event = fileWatchEvent("CREATE", path, 9_900L);

            intake().process(event);

            assertThat(event.getMessage().getBody()).as(path).isNull();
        }
    }

    @Test
    void somethingElseThanAFileWatchEventIsAClearError() {
        Exchange event = new DefaultExchange(new DefaultCamelContext());

        assertThatThrownBy(() -> intake().process(event)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(FileWatchConstants.FILE_RELATIVE_PATH);
    }

    private WatchIntake intake() {
        return new WatchIntake(new EventGate(folder, clock), clock);
    }

    private static Exchange fileWatchEvent(String kind, String relPath, Long seenAt) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(Path.of("/somewhere", relPath).toFile());
        exchange.getMessage().setHeader(FileWatchConstants.EVENT_TYPE_HEADER, kind);
        exchange.getMessage().setHeader(FileWatchConstants.FILE_RELATIVE_PATH, relPath);
        exchange.getMessage().setHeader(FileWatchConstants.FILE_NAME_ONLY, Path.of(relPath).getFileName().toString());
        if (seenAt != null) {
            exchange.getMessage().setHeader(Exchange.MESSAGE_TIMESTAMP, seenAt);
        }
        return exchange;
    }
}
