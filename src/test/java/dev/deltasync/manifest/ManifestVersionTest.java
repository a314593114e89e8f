package dev.deltasync.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManifestVersionTest {

    @Test
    void aVersionReadsBackFromItsTextAndNoneFromAnythingElse() {
        ManifestVersion version = new ManifestVersion("9f2c01ab", 41);

        assertThat(ManifestVersion.parse(version.toString())).contains(version);
        assertThat(ManifestVersion.parse("9f2c01ab:41").map(v -> v.withNumber(42).toString())).contains("9f2c01ab:42");
        assertThat(ManifestVersion.parse("")).as("none held").isEmpty();
        assertThat(ManifestVersion.parse("9f2c01ab:")).isEmpty();
        assertThat(ManifestVersion.parse("9f2c01ab:x1")).isEmpty();
    }
}
