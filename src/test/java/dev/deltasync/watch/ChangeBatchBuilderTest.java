package dev.deltasync.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deltasync.watch.ChangeIntent.Created;
import dev.deltasync.watch.ChangeIntent.Deleted;
import dev.deltasync.watch.ChangeIntent.DirCreated;
import dev.deltasync.watch.ChangeIntent.Modified;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeBatchBuilderTest {

    @Test
    void listsChangedPathsAndNewDirectoriesSeparately() {
        ChangeBatch batch = new ChangeBatchBuilder(0)
                .add(new Created("a.txt")).add(new Deleted("b.txt")).add(new DirCreated("new"))
                .build(100);

        assertThat(batch).isEqualTo(new ChangeBatch(Set.of("a.txt", "b.txt"), Set.of("new"), false));
    }

    @Test
    void dropsWhatARescanAlreadyCovers() {
        ChangeBatch batch = new ChangeBatchBuilder(0)
                .add(new DirCreated("a")).add(new DirCreated("a/b")).add(new Created("a/b/c/f"))
                .add(new Modified("a")).add(new Modified("ab/f"))
                .build(100);

        assertThat(batch).isEqualTo(new ChangeBatch(Set.of("ab/f"), Set.of("a"), false));
    }

    @Test
    void aDirectoryWithMoreThanTheLimitBecomesOneRescanAndTheLimitItselfDoesNot() {
        ChangeBatchBuilder atLimit = new ChangeBatchBuilder(0);
        ChangeBatchBuilder overLimit = new ChangeBatchBuilder(0).add(new Modified("d/extra"));
        for (int i = 0; i < 5; i++) {
            atLimit.add(new Modified("d/f" + i));
            overLimit.add(new Modified("d/f" + i));
        }

        assertThat(atLimit.build(5).changedPaths()).hasSize(5);
        assertThat(overLimit.build(5)).isEqualTo(new ChangeBatch(Set.of(), Set.of("d"), false));
    }

    @Test
    void crowdingCascadesUpToTheParentAndToTheWholeFolder() {
        ChangeBatchBuilder nested = new ChangeBatchBuilder(0).add(new Modified("top.txt"));
        ChangeBatchBuilder everywhere = new ChangeBatchBuilder(0);
        for (int d = 0; d < 3; d++) {
            for (int f = 0; f < 3; f++) {
                nested.add(new Created("p/d" + d + "/f" + f));
                everywhere.add(new Created("d" + d + "/f" + f));
            }
        }

        assertThat(nested.build(2)).isEqualTo(new ChangeBatch(Set.of("top.txt"), Set.of("p"), false));
        assertThat(everywhere.build(2)).isEqualTo(ChangeBatch.full());
    }

    @Test
    void theFolderItselfAsARescanIsAFullRescan() {
        ChangeBatch batch = new ChangeBatch(Set.of("a"), Set.of("", "b"), false);

        assertThat(batch.fullRescan()).isTrue();
        assertThat(batch.changedPaths()).isEmpty();
        assertThat(batch.rescanDirs()).isEmpty();
        assertThat(batch.covers("anything/at/all")).isTrue();
    }

    @Test
    void coversListedPathsAndEverythingUnderARescanButNotLookalikes() {
        ChangeBatch batch = new ChangeBatch(Set.of("x.txt"), Set.of("docs"), false);

        assertThat(batch.covers("x.txt")).isTrue();
        assertThat(batch.covers("docs")).isTrue();
        assertThat(batch.covers("docs/a/b")).isTrue();
        assertThat(batch.covers("docs2/a")).isFalse();
        assertThat(batch.covers("y.txt")).isFalse();
    }
}
