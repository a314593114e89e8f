package dev.deltasync.watch;

import static dev.deltasync.watch.RawEvent.Kind.CREATE;
import static dev.deltasync.watch.RawEvent.Kind.DELETE;
import static dev.deltasync.watch.RawEvent.Kind.MODIFY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deltasync.watch.ChangeIntent.Created;
import dev.deltasync.watch.ChangeIntent.Deleted;
import dev.deltasync.watch.ChangeIntent.DirCreated;
import dev.deltasync.watch.ChangeIntent.Modified;
import dev.deltasync.watch.RawEvent.Kind;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ChangeClassifierTest {

    private static final FileSnapshot FILE = FileSnapshot.file(10, 1);
    private static final FileSnapshot DIR = FileSnapshot.directory(1);
    private static final FileSnapshot GONE = FileSnapshot.ABSENT;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("new file", kinds(CREATE, MODIFY), FILE, Optional.of(new Created("p"))),
                Arguments.of("file written in place", kinds(MODIFY), FILE, Optional.of(new Modified("p"))),
                Arguments.of("target of temp + rename", kinds(MODIFY), FILE, Optional.of(new Modified("p"))),
                Arguments.of("temp file that came and went", kinds(CREATE, MODIFY, DELETE), GONE, Optional.empty()),
                Arguments.of("deleted", kinds(DELETE), GONE, Optional.of(new Deleted("p"))),
                Arguments.of("moved out of the folder", kinds(MODIFY, DELETE), GONE, Optional.of(new Deleted("p"))),
                Arguments.of("moved in (file)", kinds(CREATE), FILE, Optional.of(new Created("p"))),
                Arguments.of("moved in (directory)", kinds(CREATE), DIR, Optional.of(new DirCreated("p"))),
                Arguments.of("deleted then written again", kinds(DELETE, CREATE, MODIFY), FILE, Optional.of(new Modified("p"))),
                Arguments.of("directory replaced", kinds(DELETE, CREATE), DIR, Optional.of(new DirCreated("p"))),
                Arguments.of("file replaced by a directory", kinds(MODIFY, DELETE, CREATE), DIR, Optional.of(new DirCreated("p"))),
                Arguments.of("existing directory touched", kinds(MODIFY), DIR, Optional.empty()),
                Arguments.of("file made and removed", kinds(CREATE, DELETE), GONE, Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void classifies(String name, List<RawEvent> events, FileSnapshot now, Optional<ChangeIntent> expected) {
        ChangeClassifier classifier = new ChangeClassifier(path -> now);

        assertThat(classifier.classify(activity(events, FILE))).isEqualTo(expected);
    }

    @Test
    void aDirectoryThatCameAndWentIsReportedDeletedBecauseItsEntriesMayHaveBeen() {
        ChangeClassifier classifier = new ChangeClassifier(path -> GONE);
        PathActivity dir = activity(kinds(CREATE), DIR).with(new RawEvent(DELETE, "p", 9), GONE);

        assertThat(classifier.classify(dir)).contains(new Deleted("p"));
    }

    @Test
    void anActivityWithoutEventsIsRefusedNamingThePath() {
        assertThatThrownBy(() -> new PathActivity("docs/a.txt", List.of(), 0, 0, FILE, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("docs/a.txt");
    }

    private static PathActivity activity(List<RawEvent> events, FileSnapshot seenAtFirstEvent) {
        PathActivity activity = PathActivity.start(events.get(0), seenAtFirstEvent.directory() ? seenAtFirstEvent : FILE);
        for (RawEvent event : events.subList(1, events.size())) {
            activity = activity.with(event, FILE);
        }
        return activity;
    }

    private static List<RawEvent> kinds(Kind... kinds) {
        long[] at = {0};
        return Arrays.stream(kinds).map(k -> new RawEvent(k, "p", at[0]++)).toList();
    }
}
