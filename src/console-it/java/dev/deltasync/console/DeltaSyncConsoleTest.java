package dev.deltasync.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeltaSyncConsoleTest {

    @ParameterizedTest
    @CsvSource({
        "--server.port=8080, true",
        "--spring.profiles.active=x, true",
        "--port=7070, false",
        "--dir, false",
        "server, false",
        "./some.dir, false",
    })
    void springSettingsAreTheDottedLongOptions(String arg, boolean spring) {
        assertThat(DeltaSyncConsole.isSpringSetting(arg)).isEqualTo(spring);
    }
}
