package example.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.deltasync.camel.AppliedChange;
import dev.deltasync.folder.FolderChange;

/** Copies every file a client uploads (new or updated) to the archive folder. */
@Component
public class ArchiveArrivals {

    private final Path archive;

    public ArchiveArrivals(@Value("${archive}") Path archive) {
        this.archive = archive;
    }

    @EventListener
    public void archive(AppliedChange applied) throws IOException {
        FolderChange change = applied.change();
        if (change.type() == FolderChange.Type.ARRIVED || change.type() == FolderChange.Type.UPDATED) {
            Path copy = archive.resolve(change.path());
            Files.createDirectories(copy.getParent());
            Files.copy(applied.file(), copy, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
