package dev.deltasync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hashes a peer names by their first 8 bytes (HASH_PREFIXES): what they match and what they complete to. */
class FileEntryHashPrefixTest {

    private static final String WHOLE = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String OTHER = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    @Test
    void aPrefixNamesOnlyTheHashItBegins() {
        String prefix = FileEntry.hashPrefix(WHOLE);

        assertThat(prefix).hasSize(16).isEqualTo(WHOLE.substring(0, 16));
        assertThat(FileEntry.hashNames(WHOLE, prefix)).isTrue();
        assertThat(FileEntry.hashNames(WHOLE, WHOLE)).isTrue();
        assertThat(FileEntry.hashNames(OTHER, prefix)).isFalse();
        assertThat(FileEntry.hashNames(WHOLE, WHOLE.substring(0, 15))).as("only 8-byte prefixes").isFalse();
        assertThat(FileEntry.hashNames(WHOLE, "")).as("the empty hash names no file").isFalse();
        assertThat(FileEntry.hashPrefix("")).isEmpty();
    }

    @Test
    void anEntryNamedByAPrefixTakesTheWholeHashItNamesAndNoOther() {
        FileEntry named = FileEntry.file("a.txt", 3, 1L, false, FileEntry.hashPrefix(WHOLE));

        assertThat(named.withWholeHash(WHOLE).hash()).isEqualTo(WHOLE);
        assertThat(named.withWholeHash(OTHER).hash()).as("the installer then refuses it").isEqualTo(named.hash());
        FileEntry whole = FileEntry.file("a.txt", 3, 1L, false, WHOLE);
        assertThat(whole.withWholeHash(OTHER)).isSameAs(whole);
    }
}
