package dev.deltasync.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ChangeBatchProperties {

    @Property
    void noChangeIsLostAndNoDirectoryListsMoreThanTheLimit(@ForAll("intents") List<ChangeIntent> intents,
                                                           @ForAll @IntRange(min = 1, max = 6) int limit) {
        ChangeBatchBuilder builder = new ChangeBatchBuilder(0);
        intents.forEach(builder::add);

        ChangeBatch batch = builder.build(limit);

        assertThat(intents).allMatch(intent -> batch.covers(intent.path()));
        Map<String, Integer> perParent = new HashMap<>();
        batch.changedPaths().forEach(p -> perParent.merge(ChangeBatchBuilder.parentOf(p), 1, Integer::sum));
        batch.rescanDirs().forEach(p -> perParent.merge(ChangeBatchBuilder.parentOf(p), 1, Integer::sum));
        assertThat(perParent.values()).allMatch(count -> count <= limit);
        assertThat(batch.changedPaths()).noneMatch(p -> batch.rescanDirs().stream()
                .anyMatch(d -> p.equals(d) || p.startsWith(d + "/")));
    }

    @Provide
    Arbitrary<List<ChangeIntent>> intents() {
        Arbitrary<String> path = Arbitraries.of("a", "b", "c").list().ofMinSize(1).ofMaxSize(4)
                .map(names -> String.join("/", names));
        Arbitrary<ChangeIntent> intent = Arbitraries.oneOf(
                path.map(ChangeIntent.Created::new), path.map(ChangeIntent.Modified::new),
                path.map(ChangeIntent.Deleted::new), path.map(ChangeIntent.DirCreated::new));
        return intent.list().ofMaxSize(40);
    }
}
